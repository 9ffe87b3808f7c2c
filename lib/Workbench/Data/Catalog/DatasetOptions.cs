namespace Workbench.Data.Catalog;

/// <summary>How <see cref="DatasetCatalog.Load"/> loads a dataset. Every member has a default.</summary>
public sealed record DatasetOptions
{
    /// <summary>Data root (default: <see cref="DataRoot.Resolve"/>: <c>$WORKBENCH_DATA</c> or <c>~/.cache/workbench/data</c>).</summary>
    public DataRoot? Root { get; init; }

    /// <summary>Square image side in pixels; null = the dataset's own (28 for Fashion-MNIST, 8 for optdigits, 32 for emoji/fonts/synthetic/CIFAR, 224 for photo folders).</summary>
    public int? ImageSize { get; init; }

    /// <summary>Which part to load (default <see cref="DatasetSplit.All"/>).</summary>
    public DatasetSplit Split { get; init; } = DatasetSplit.All;

    /// <summary>Folder of a user dataset (CIFAR-10, Office-Home, ...); default <c>&lt;root&gt;/&lt;name&gt;</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Domains to keep, by name (class-folder and DomainNet loaders); null = all.</summary>
    public IReadOnlyList<string>? Domains { get; init; }

    /// <summary>Classes to keep, by name (DomainNet's 7-class subset, for example); null = all.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Seed of generated data (synthetic).</summary>
    public long Seed { get; init; }

    /// <summary>Images per (class, domain) of the synthetic set (default 64).</summary>
    public int? PerClassPerDomain { get; init; }

    /// <summary>The resolved root.</summary>
    public DataRoot ResolvedRoot => Root ?? DataRoot.Resolve();
}
