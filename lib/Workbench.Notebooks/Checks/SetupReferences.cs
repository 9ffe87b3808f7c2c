using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Checks;

/// <summary>
/// Checks that a notebook would load in a fresh kernel: every assembly it <c>#r</c>s by path
/// exists, and every NuGet package that assembly was built against (its <c>.deps.json</c>) is
/// referenced by a <c>#r "nuget: …"</c> in the same or an earlier cell — itself, at the same
/// version, or as a dependency of one (read from the package's <c>.nuspec</c> in the local
/// NuGet cache). A kernel, unlike a build, brings nothing else: a missing package is a
/// <c>FileNotFoundException</c> in the first cell that needs it.
/// </summary>
public static partial class SetupReferences
{
    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*(?:,\s*(?<version>[^"]*?)\s*)?"\s*(?://.*)?$""")]
    private static partial Regex NugetDirective();

    [GeneratedRegex("""^\s*#r\s+"(?!nuget:)(?<path>[^"]+\.dll)"\s*(?://.*)?$""")]
    private static partial Regex PathDirective();

    /// <summary>The <c>#r "nuget: Name, Version"</c> directives of a cell source, in order (version null when absent).</summary>
    public static IEnumerable<(string Name, string? Version)> NugetReferences(string source) =>
        source.Split('\n').Select(l => NugetDirective().Match(l)).Where(m => m.Success)
              .Select(m => (m.Groups["name"].Value, m.Groups["version"].Value is { Length: > 0 } v ? v : null));

    /// <summary>The problems, as (cell id, message), of <paramref name="notebook"/> located in <paramref name="directory"/>.</summary>
    public static IEnumerable<(string Cell, string Message)> Problems(Notebook notebook, string directory)
    {
        var packages = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var cell in notebook.Cells.Where(c => c.Type == CellType.Code))
        {
            string id = cell.Id ?? "?";
            foreach (var line in cell.Source.Split('\n'))
            {
                if (NugetDirective().Match(line) is { Success: true } n)
                {
                    packages[n.Groups["name"].Value] = n.Groups["version"].Value is { Length: > 0 } v ? v : null;
                    continue;
                }
                if (PathDirective().Match(line) is not { Success: true } r) continue;
                string relative = r.Groups["path"].Value;
                string dll = Path.GetFullPath(Path.Combine(directory, relative));
                if (!File.Exists(dll) && !Path.IsPathRooted(relative))
                {
                    yield return (id, $"#r \"{relative}\": {dll} does not exist; build it first (dotnet build lib/Workbench -c Release).");
                    continue;
                }
                if (!File.Exists(dll)) continue; // an absolute path: NotebookChecker reports it
                foreach (var (package, version) in DirectPackages(dll))
                {
                    if (packages.TryGetValue(package, out var pinned))
                    {
                        if (pinned is not null && !string.Equals(pinned, version, StringComparison.OrdinalIgnoreCase))
                            yield return (id, $"#r \"nuget: {package}, {pinned}\" but {Path.GetFileName(dll)} was built against {package} {version}; pin {version}.");
                    }
                    else if (!Closure(packages).Contains(package))
                    {
                        yield return (id, $"{Path.GetFileName(dll)} needs {package} {version}, which no #r \"nuget:\" before it brings, so a fresh kernel cannot load it; add #r \"nuget: {package}, {version}\" before #r \"{relative}\".");
                    }
                }
            }
        }
    }

    /// <summary>The NuGet packages (name → version) an assembly's <c>.deps.json</c> lists as its direct dependencies.</summary>
    public static IReadOnlyList<(string Package, string Version)> DirectPackages(string dll)
    {
        string deps = Path.ChangeExtension(dll, ".deps.json");
        if (!File.Exists(deps)) return [];
        var root = JsonNode.Parse(File.ReadAllText(deps));
        string stem = Path.GetFileNameWithoutExtension(dll);
        var libraries = root?["libraries"]?.AsObject();
        foreach (var target in root?["targets"]?.AsObject() ?? [])
        {
            foreach (var (key, value) in target.Value?.AsObject() ?? [])
            {
                if (!key.StartsWith(stem + "/", StringComparison.OrdinalIgnoreCase)) continue;
                return (value?["dependencies"]?.AsObject() ?? [])
                    .Where(d => libraries?[$"{d.Key}/{d.Value}"]?["type"]?.GetValue<string>() == "package")
                    .Select(d => (d.Key, d.Value!.GetValue<string>())).ToList();
            }
        }
        return [];
    }

    /// <summary>Every package the given references bring, following the dependencies in the cached <c>.nuspec</c> files.</summary>
    private static HashSet<string> Closure(Dictionary<string, string?> references)
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<(string, string?)>(references.Select(r => (r.Key, r.Value)));
        while (queue.Count > 0)
        {
            var (name, version) = queue.Dequeue();
            if (!seen.Add(name) || version is null) continue;
            string nuspec = Path.Combine(cache, name.ToLowerInvariant(), version.ToLowerInvariant(), name.ToLowerInvariant() + ".nuspec");
            if (!File.Exists(nuspec)) continue;
            foreach (var d in XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency"))
            {
                if (d.Attribute("id")?.Value is { } dep)
                    queue.Enqueue((dep, d.Attribute("version")?.Value.Trim('[', ']', '(', ')').Split(',')[0]));
            }
        }
        return seen;
    }
}
