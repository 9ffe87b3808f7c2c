using System.Globalization;
using System.Text.Json;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;
using Workbench.Runtime;

namespace Workbench.Notebooks.Reports;

/// <summary>
/// What a reader needs to reproduce a notebook run: commit, package versions, parameters and
/// timings. Heads the HTML report and is written beside it as <c>&lt;name&gt;.run.json</c>
/// (timings live here, not in the executed notebook, which stays deterministic).
/// </summary>
/// <param name="Notebook">The notebook's path as given (relative to the repository when inside it).</param>
/// <param name="Title">The first heading of the notebook, or its file name.</param>
/// <param name="Status">How the run ended (<see cref="RunStatus"/> name).</param>
/// <param name="ExitCode">0, 1, 2 or 124.</param>
/// <param name="Message">Why it failed, naming the cell; null on success.</param>
/// <param name="StartedUtc">Start time, ISO 8601 UTC.</param>
/// <param name="WallMs">Wall time of the run.</param>
/// <param name="RunMs">Total cell time in the kernel.</param>
/// <param name="GitCommit">HEAD of the repository holding the notebook, or null.</param>
/// <param name="Packages">Package → version of the libraries loaded, including the .NET Interactive kernel.</param>
/// <param name="Runtime">.NET runtime, OS and core count.</param>
/// <param name="Parameters">Every declared parameter → its value in this run (C# literal), given ones marked.</param>
/// <param name="Cells">Per code cell: outcome and timings.</param>
/// <param name="Report">File name of the HTML report.</param>
/// <param name="Executed">File name of the executed notebook.</param>
public sealed record RunManifest(
    string Notebook, string Title, string Status, int ExitCode, string? Message, string StartedUtc,
    double WallMs, double RunMs, string? GitCommit,
    IReadOnlyDictionary<string, string> Packages, string Runtime,
    IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<CellTiming> Cells, string Report, string Executed)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds the manifest of a finished run.</summary>
    /// <param name="result">The run.</param>
    /// <param name="notebookPath">The notebook file.</param>
    /// <param name="startedUtc">When the run started.</param>
    /// <param name="stem">The base name of the artifacts (<c>stem.html</c>, <c>stem.ipynb</c>).</param>
    public static RunManifest From(NotebookRunResult result, string notebookPath, DateTime startedUtc, string stem)
    {
        var env = EnvironmentInfo.Capture(Path.GetDirectoryName(Path.GetFullPath(notebookPath)));
        var packages = new SortedDictionary<string, string>(env.Packages.ToDictionary(), StringComparer.Ordinal);
        packages["Microsoft.DotNet.Interactive"] = KernelVersion;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in result.Declared) parameters[d.Name] = d.Default;
        foreach (var (name, value) in result.Parameters) parameters[name] = value.ToJsonString() + " (given)";
        var cells = result.Cells.Select(c => new CellTiming(c.Id, c.ExecutionCount, c.State.ToString(), Math.Round(c.RunMs, 1))).ToList();
        return new RunManifest(RepoRelative(notebookPath), TitleOf(result.Executed, notebookPath), result.Status.ToString(), result.ExitCode, result.Message,
            startedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Math.Round(result.WallMs, 1), Math.Round(result.RunMs, 1), env.GitCommit,
            packages, $"{env.DotNet}, {env.Os}, {env.Cores} cores", parameters, cells, stem + ".html", stem + ".ipynb");
    }

    /// <summary>The version of the .NET Interactive kernel packages the runner hosts (the tool 1.0.712001 is built from the same sources).</summary>
    public static string KernelVersion { get; } =
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(Microsoft.DotNet.Interactive.Kernel).Assembly)?
            .InformationalVersion.Split('+')[0] ?? "?";

    /// <summary>The manifest as name/value facts for <see cref="Workbench.Reporting.HtmlDocument.Manifest"/>.</summary>
    public IEnumerable<(string Name, string Value)> Facts()
    {
        yield return ("notebook", Notebook);
        yield return ("status", Status + (Message is null ? "" : $" — {Message}") + $" (exit {ExitCode})");
        yield return ("commit", GitCommit ?? "(not in a git checkout)");
        yield return ("parameters", Parameters.Count == 0 ? "(none)" : string.Join("\n", Parameters.Select(p => $"{p.Key} = {p.Value}")));
        yield return ("timings", string.Format(CultureInfo.InvariantCulture, "wall {0:F1} s · cells {1:F1} s · started {2}",
            WallMs / 1000, RunMs / 1000, StartedUtc));
        yield return ("packages", string.Join(", ", Packages.Select(p => $"{p.Key} {p.Value}")));
        yield return ("runtime", Runtime);
    }

    /// <summary>Writes the manifest as indented JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads a manifest written by <see cref="Save"/>.</summary>
    public static RunManifest Load(string path) =>
        JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no run manifest.");

    /// <summary>The first Markdown heading of the notebook, else its file name.</summary>
    public static string TitleOf(Notebook notebook, string notebookPath)
    {
        foreach (var cell in notebook.Cells.Where(c => c.Type == CellType.Markdown))
        {
            var heading = cell.Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith('#'));
            if (heading is not null) return heading.TrimStart('#').Trim();
        }
        return Path.GetFileNameWithoutExtension(notebookPath);
    }

    private static string RepoRelative(string path)
    {
        string full = Path.GetFullPath(path);
        for (var d = new DirectoryInfo(Path.GetDirectoryName(full)!); d is not null; d = d.Parent)
        {
            if (Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git")))
                return Path.GetRelativePath(d.FullName, full).Replace('\\', '/');
        }
        return full;
    }
}
