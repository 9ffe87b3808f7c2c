namespace Workbench.Runtime;

/// <summary>Finds the workbench checkout a process runs in: the nearest folder above a start folder that holds <see cref="MarkerFile"/>.</summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the repository root.</summary>
    public const string MarkerFile = "Workbench.sln";

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds <see cref="MarkerFile"/>, or null outside a checkout.</summary>
    /// <param name="start">Where to look from; relative paths are taken from the current directory.</param>
    public static string? Find(string start)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(start);
        for (var d = new DirectoryInfo(Path.GetFullPath(start)); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, MarkerFile))) return d.FullName;
        }
        return null;
    }

    /// <summary>The root above the running assembly (tests, benchmarks, the CLI built in a checkout).</summary>
    /// <exception cref="InvalidOperationException">The assembly does not run from inside a checkout.</exception>
    public static string OfRunningAssembly() =>
        Find(AppContext.BaseDirectory) ?? throw new InvalidOperationException($"{MarkerFile} not found above {AppContext.BaseDirectory}: run this from a build inside the workbench checkout.");
}
