namespace Workbench.Tests.Architecture;

/// <summary>
/// The layers of Workbench.dll, bottom to top, and the one rule between them: a component may use
/// its own namespaces, every component of a lower layer, and the same-layer components listed in
/// <see cref="Peers"/> (a DAG). lib/Workbench/README.md draws the same picture and gives the reasons.
/// </summary>
internal static class WorkbenchLayers
{
    /// <summary>Layer of each component (the first segment after <c>Workbench.</c>; papers one level deeper).</summary>
    public static readonly IReadOnlyDictionary<string, int> Layer = new Dictionary<string, int>
    {
        ["Runtime"] = 0,
        ["Imaging"] = 1,
        ["Data"] = 1,
        ["Models"] = 1,
        ["Clustering"] = 1,
        ["Losses"] = 1,
        ["Retrieval"] = 1,
        ["Metrics"] = 1,
        ["Training"] = 2,
        ["Experiments"] = 3,
        ["Reporting"] = 4,
        ["Papers.Ucdir"] = 5,
        ["Papers.Spq"] = 5,
        ["Papers.FacilityLocation"] = 5,
        ["Papers.Pretraining"] = 5,
    };

    /// <summary>The allowed uses between components of the same layer (all others in a layer are forbidden, so papers do not use each other).</summary>
    public static readonly IReadOnlySet<(string From, string To)> Peers = new HashSet<(string, string)>
    {
        ("Data", "Imaging"),          // decoding and glyph rendering
        ("Losses", "Clustering"),     // Sinkhorn, Hungarian, NMI inside losses
        ("Retrieval", "Clustering"),  // k-means trains the PQ codebooks
        ("Metrics", "Retrieval"),     // every metric reads a RankingResult
        ("Metrics", "Clustering"),    // clustering NMI
    };

    /// <summary>The component of a namespace, or null when it is not a Workbench library namespace.</summary>
    public static string? ComponentOf(string? ns)
    {
        if (ns is null || !ns.StartsWith("Workbench.", StringComparison.Ordinal)) return null;
        var parts = ns.Split('.');
        return parts[1] == "Papers" && parts.Length > 2 ? "Papers." + parts[2] : parts[1];
    }

    /// <summary>Why <paramref name="from"/> may not use <paramref name="to"/>, or null when it may.</summary>
    public static string? Forbidden(string from, string to)
    {
        if (from == to) return null;
        if (!Layer.TryGetValue(from, out int a)) return $"{from} is in no layer";
        if (!Layer.TryGetValue(to, out int b)) return $"{to} is in no layer";
        if (b < a) return null;
        if (b == a && Peers.Contains((from, to))) return null;
        return b > a
            ? $"{from} (layer {a}) may not use {to} (layer {b}, above it)"
            : $"{from} may not use {to} (same layer {a}, not an allowed peer edge)";
    }

    /// <summary>The library file a type most likely lives in (one public type per file; partial types add <c>.Part</c>).</summary>
    public static string FileOf(Type type)
    {
        string ns = type.Namespace ?? "";
        string folder = ns.StartsWith("Workbench.", StringComparison.Ordinal) ? ns["Workbench.".Length..].Replace('.', '/') : ns;
        string name = type.Name.Split('`')[0];
        return $"lib/Workbench/{folder}/{name}.cs";
    }
}
