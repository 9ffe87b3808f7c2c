using System.Reflection;

namespace Workbench.Experiments.Ablation;

/// <summary>The papers whose ablations the engine knows, by name or alias (case-insensitive).</summary>
public sealed class AblationCatalog
{
    private static readonly Lazy<AblationCatalog> DefaultCatalog = new(() => Discover(typeof(AblationCatalog).Assembly));
    private readonly List<AblationPaper> _papers = [];

    /// <summary>Every <see cref="AblationPaper"/> of the Workbench assembly.</summary>
    public static AblationCatalog Default => DefaultCatalog.Value;

    /// <summary>The papers, by name.</summary>
    public IReadOnlyList<AblationPaper> Papers => _papers.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    /// <summary>A catalog of every public, non-abstract <see cref="AblationPaper"/> with a parameterless constructor in <paramref name="assemblies"/>.</summary>
    public static AblationCatalog Discover(params Assembly[] assemblies)
    {
        var catalog = new AblationCatalog();
        foreach (var type in assemblies.SelectMany(a => a.GetExportedTypes()).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.IsAbstract || !typeof(AblationPaper).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null) continue;
            catalog._papers.Add((AblationPaper)Activator.CreateInstance(type)!);
        }
        return catalog;
    }

    /// <summary>The paper called <paramref name="name"/> (or one of its aliases).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public AblationPaper Get(string name)
    {
        string key = name?.Trim() ?? "";
        return _papers.FirstOrDefault(p => p.Name.Equals(key, StringComparison.OrdinalIgnoreCase) || p.Aliases.Contains(key, StringComparer.OrdinalIgnoreCase))
               ?? throw new ArgumentException($"No ablation for '{name}'. Papers: {string.Join(", ", Papers.Select(p => p.Aliases.Count == 0 ? p.Name : $"{p.Name} ({string.Join(", ", p.Aliases)})"))}. See `workbench ablation list`.");
    }
}
