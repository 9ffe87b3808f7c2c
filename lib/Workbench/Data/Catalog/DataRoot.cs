namespace Workbench.Data.Catalog;

/// <summary>
/// The folder holding installed datasets: <c>apt/&lt;package&gt;/</c> and <c>npm/&lt;package&gt;/</c> (unpacked
/// archives, each with a <c>.workbench-installed</c> marker), <c>cache/{apt,npm}/</c> (the fetched
/// .deb and .tgz files) and user datasets in sub-folders named after them (e.g. <c>cifar10/</c>).
/// </summary>
public sealed record DataRoot(string Path)
{
    /// <summary>Environment variable naming the data root.</summary>
    public const string EnvironmentVariable = "WORKBENCH_DATA";

    /// <summary>The marker file written into every unpacked package folder.</summary>
    public const string MarkerFile = ".workbench-installed";

    /// <summary>The default root: <c>~/.cache/workbench/data</c>.</summary>
    public static string DefaultPath => System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "workbench", "data");

    /// <summary><paramref name="explicitPath"/> (e.g. <c>--data-root</c>), else <c>$WORKBENCH_DATA</c>, else <see cref="DefaultPath"/>; <c>~</c> is expanded.</summary>
    public static DataRoot Resolve(string? explicitPath = null)
    {
        string p = !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
            : DefaultPath;
        return new DataRoot(System.IO.Path.GetFullPath(ExpandHome(p)));
    }

    /// <summary>Replaces a leading <c>~</c> with the home folder.</summary>
    public static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "")
            : path;

    /// <summary>True when this is the root used without <c>--data-root</c> or <c>$WORKBENCH_DATA</c>.</summary>
    public bool IsDefault => string.Equals(System.IO.Path.GetFullPath(DefaultPath), Path, StringComparison.Ordinal);

    /// <summary>The unpacked tree of apt package <paramref name="package"/> (joined with <paramref name="relative"/>).</summary>
    public string Apt(string package, string relative = "") => System.IO.Path.Combine(Path, "apt", package, relative.TrimStart('/'));

    /// <summary>The unpacked tree of npm package <paramref name="package"/> (joined with <paramref name="relative"/>).</summary>
    public string Npm(string package, string relative = "") => System.IO.Path.Combine(Path, "npm", package, relative.TrimStart('/'));

    /// <summary>A user dataset folder under the root, e.g. <c>&lt;root&gt;/cifar10</c>.</summary>
    public string Folder(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The folder of fetched archives of kind <c>apt</c> or <c>npm</c>.</summary>
    public string Cache(string kind) => System.IO.Path.Combine(Path, "cache", kind);
}
