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

    /// <summary>Set in the process that runs one notebook (so it runs in-process instead of starting another child).</summary>
    public const string ChildVariable = "WORKBENCH_NOTEBOOK_CHILD";

    /// <summary>True in a process started by <see cref="RunChildAsync"/>.</summary>
    public static bool IsNotebookChild => Environment.GetEnvironmentVariable(ChildVariable) == "1";

    /// <summary>
    /// The environment of a notebook process, unless the user set these variables. libgomp's
    /// default busy-waiting makes torch 10–100× slower when the cores are oversubscribed (CI,
    /// several builds at once; measured 7.2 s instead of 44 ms for 12 small training steps),
    /// while passive waiting costs little on an idle machine. Dynamic PGO costs a short-lived,
    /// JIT-bound process such as a notebook run about 15 % of its CPU time (measured 3.3 → 2.8 s
    /// for 20 cells) and has nothing to gain in it.
    /// </summary>
    private static readonly (string Name, string Value)[] NotebookEnvironment =
        [(ChildVariable, "1"), ("OMP_WAIT_POLICY", "PASSIVE"), ("DOTNET_TieredPGO", "0")];

    /// <summary>
    /// Starts this CLI with <paramref name="args"/> in a notebook process (see <see cref="NotebookEnvironment"/>)
    /// sharing stdout, hands each line it writes to stderr to <paramref name="stderrLine"/>, and returns its exit code.
    /// </summary>
    public static async Task<int> RunChildAsync(IEnumerable<string> args, Action<string> stderrLine, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false, RedirectStandardError = true };
        string? entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase) && entry is { Length: > 0 })
            start.ArgumentList.Add(entry);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in NotebookEnvironment)
        {
            if (Environment.GetEnvironmentVariable(name) is null) start.Environment[name] = value;
        }
        using var child = new Process { StartInfo = start };
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) stderrLine(e.Data);
        };
        if (!child.Start()) throw new InvalidOperationException($"Could not start {start.FileName}.");
        child.BeginErrorReadLine();
        try
        {
            // Also waits until the child's stderr is read to its end.
            await child.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw;
        }
        return child.ExitCode;
    }

    private static string? FindUp(string start) => Workbench.Runtime.RepositoryRoot.Find(start);
}
