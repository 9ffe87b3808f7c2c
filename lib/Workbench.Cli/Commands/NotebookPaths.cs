using System.Diagnostics;

namespace Workbench.Cli.Commands;

/// <summary>Where notebooks, reports and the CLI itself are, and how to run the CLI as a child process (one process per notebook).</summary>
internal static class NotebookPaths
{
    /// <summary>The repository root: the nearest folder holding Workbench.sln above the current directory, else above the CLI; else the current directory.</summary>
    public static string RepoRoot =>
        FindUp(Environment.CurrentDirectory) ?? FindUp(AppContext.BaseDirectory) ?? Environment.CurrentDirectory;

    /// <summary>The repository's notebooks, sorted by name.</summary>
    public static IReadOnlyList<string> RepoNotebooks()
    {
        string dir = Path.Combine(RepoRoot, "notebooks");
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "*.ipynb").Order(StringComparer.Ordinal).ToList() : [];
    }

    private const string OmpWaitPolicy = "OMP_WAIT_POLICY";

    /// <summary>Starts this CLI with <paramref name="args"/>, sharing the console, and returns its exit code.</summary>
    public static async Task<int> RunChildAsync(IEnumerable<string> args, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        string? entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase) && entry is { Length: > 0 })
            start.ArgumentList.Add(entry);
        foreach (var a in args) start.ArgumentList.Add(a);
        // libgomp's default busy-wait makes torch 10-100x slower when cores are oversubscribed
        // (CI, several builds at once); passive waiting costs little when they are not.
        if (Environment.GetEnvironmentVariable(OmpWaitPolicy) is null) start.Environment[OmpWaitPolicy] = "PASSIVE";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        try
        {
            await child.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw;
        }
        return child.ExitCode;
    }

    private static string? FindUp(string start)
    {
        for (var d = new DirectoryInfo(Path.GetFullPath(start)); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Workbench.sln"))) return d.FullName;
        }
        return null;
    }
}
