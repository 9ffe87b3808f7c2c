using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// The packages a notebook may <c>#r "nuget: Name, Version"</c>: exactly those the host process
/// was built with, read from its own <c>*.deps.json</c>. A directive adds the package's runtime
/// assemblies and those of its dependency closure as references; nothing is downloaded.
/// </summary>
public sealed class PackageCatalog
{
    private readonly Dictionary<string, CarriedPackage> _packages;

    private PackageCatalog(Dictionary<string, CarriedPackage> packages, string source)
    {
        _packages = packages;
        Source = source;
    }

    /// <summary>The deps file the catalog was read from.</summary>
    public string Source { get; }

    /// <summary>Every carried package, by id (case-insensitive).</summary>
    public IReadOnlyCollection<CarriedPackage> Packages => _packages.Values;

    /// <summary>The package with id <paramref name="name"/> (case-insensitive), or null.</summary>
    public CarriedPackage? Find(string name) => _packages.GetValueOrDefault(name);

    private static readonly Lazy<PackageCatalog> Current = new(ReadCurrentProcess);

    /// <summary>The catalog of the running process (its <c>APP_CONTEXT_DEPS_FILES</c>, else the entry assembly's deps file); read once.</summary>
    /// <exception cref="InvalidOperationException">The process has no deps file.</exception>
    public static PackageCatalog ForCurrentProcess() => Current.Value;

    private static PackageCatalog ReadCurrentProcess()
    {
        string? deps = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?
            .Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists);
        if (deps is null && System.Reflection.Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry)
        {
            string candidate = Path.ChangeExtension(entry, ".deps.json");
            if (File.Exists(candidate)) deps = candidate;
        }
        return deps is null
            ? throw new InvalidOperationException("The host has no *.deps.json, so the runner cannot tell which packages it carries.")
            : FromDepsFile(deps);
    }

    /// <summary>Reads a deps file. Assemblies are looked up next to it, then in the NuGet package folder.</summary>
    /// <param name="depsJsonPath">A <c>*.deps.json</c> written by the .NET SDK.</param>
    public static PackageCatalog FromDepsFile(string depsJsonPath)
    {
        var root = JsonNode.Parse(File.ReadAllText(depsJsonPath)) as JsonObject
                   ?? throw new InvalidOperationException($"{depsJsonPath} is not a JSON object.");
        string target = root["runtimeTarget"]?["name"]?.GetValue<string>()
                        ?? throw new InvalidOperationException($"{depsJsonPath} has no runtimeTarget.");
        var entries = root["targets"]?[target] as JsonObject ?? new JsonObject();
        var libraries = root["libraries"] as JsonObject ?? new JsonObject();
        string appDir = Path.GetDirectoryName(Path.GetFullPath(depsJsonPath))!;
        string nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        var direct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, _) in entries)
        {
            if (libraries[key]?["type"]?.GetValue<string>() != "project") continue;
            foreach (var (dep, _) in entries[key]?["dependencies"] as JsonObject ?? []) direct.Add(dep);
        }

        var packages = new Dictionary<string, CarriedPackage>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, node) in entries)
        {
            var library = libraries[key];
            if (library?["type"]?.GetValue<string>() != "package" || node is not JsonObject entry) continue;
            int slash = key.IndexOf('/');
            string name = key[..slash], version = key[(slash + 1)..];
            var deps = (entry["dependencies"] as JsonObject)?.Select(d => d.Key).ToList() ?? [];
            var assemblies = new List<string>();
            foreach (var (file, _) in entry["runtime"] as JsonObject ?? [])
            {
                if (!file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) continue;
                string local = Path.Combine(appDir, Path.GetFileName(file));
                string cached = Path.Combine(nugetRoot, library["path"]?.GetValue<string>() ?? key.ToLowerInvariant(), file);
                assemblies.Add(File.Exists(local) || !File.Exists(cached) ? local : cached);
            }
            packages[name] = new CarriedPackage(name, version, deps, assemblies, direct.Contains(name));
        }
        return new PackageCatalog(packages, depsJsonPath);
    }

    /// <summary>
    /// The assemblies that <c>#r "nuget: <paramref name="name"/>, <paramref name="version"/>"</c> references:
    /// the package's and its dependency closure's. A version other than the carried one is
    /// reported in <paramref name="note"/> and the carried version is used.
    /// </summary>
    /// <exception cref="PackageNotAvailableException">The host does not carry the package.</exception>
    public IReadOnlyList<string> Resolve(string name, string? version, out string? note)
    {
        var package = Find(name) ?? throw new PackageNotAvailableException(
            $"The notebook runner does not carry the package '{name}' and never downloads packages. " +
            $"Packages a notebook may #r: {string.Join(", ", Packages.Where(x => x.IsDirect).OrderBy(x => x.Name, StringComparer.OrdinalIgnoreCase).Select(x => $"{x.Name} {x.Version}"))}. " +
            "To add one, reference it from lib/Workbench.Notebooks (and pin it in Directory.Packages.props).");
        note = version is not null && !string.Equals(version, package.Version, StringComparison.OrdinalIgnoreCase)
            ? $"#r \"nuget: {name}, {version}\": the runner carries {package.Name} {package.Version} and uses that version."
            : null;
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<CarriedPackage>([package]);
        while (queue.Count > 0)
        {
            var p = queue.Dequeue();
            if (!seen.Add(p.Name)) continue;
            paths.AddRange(p.AssemblyPaths);
            foreach (var dep in p.Dependencies)
            {
                if (Find(dep) is { } d) queue.Enqueue(d);
            }
        }
        return paths.Where(File.Exists).Distinct(StringComparer.Ordinal).ToList();
    }
}
