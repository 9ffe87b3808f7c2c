using Workbench.Training.Validation;


namespace Workbench.Papers.Spq;

/// <summary>
/// Which images SPQ trains on, indexes and queries (papers.md 2.4: database = train split, queries =
/// test split, relevance = same class). Datasets with an official split use it; the synthetic set is
/// divided by a stratified split with <see cref="QueryFraction"/>. The caps draw a stratified subset
/// with <see cref="SubsetSeed"/>, the same for every method and run seed, so rows of a table share
/// their data.
/// </summary>
public sealed record SpqDataSettings
{
    /// <summary>Catalog name: <c>fashion-mnist</c> (reduced), <c>cifar10</c> (paper), <c>synthetic</c> (smoke).</summary>
    public string Dataset { get; init; } = "fashion-mnist";

    /// <summary>Folder of a user dataset (e.g. CIFAR-10 binary batches); null = the data root's default.</summary>
    public string? Path { get; init; }

    /// <summary>Training images: a stratified subset of the database of this size; null = the whole database (the paper).</summary>
    public int? TrainImages { get; init; }

    /// <summary>Database cap (stratified); null = the whole train split.</summary>
    public int? DatabaseImages { get; init; }

    /// <summary>Query cap (stratified); null = the whole test split.</summary>
    public int? QueryImages { get; init; }

    /// <summary>Share of the images that become queries when the dataset has no test split (synthetic).</summary>
    public double QueryFraction { get; init; } = 0.2;

    /// <summary>Synthetic set only: images per class and rendering style (null = the catalog's 64).</summary>
    public int? SyntheticPerClassPerDomain { get; init; }

    /// <summary>Square image side the loader resizes to (null = the dataset's own: 28 Fashion-MNIST, 32 CIFAR-10 and synthetic).</summary>
    public int? ImageSize { get; init; }

    /// <summary>Seed of the stratified split and of the caps (not the run seed: every run sees the same data).</summary>
    public long SubsetSeed { get; init; }

    /// <summary>Adds every problem to <paramref name="errors"/>.</summary>
    public void Validate(ConfigErrors errors)
    {
        string[] known = ["fashion-mnist", "cifar10", "synthetic", "mnist"];
        errors.Require(known.Contains(Dataset, StringComparer.OrdinalIgnoreCase), "dataset",
            $"'{Dataset}' is not a dataset SPQ knows how to split; use one of {string.Join(", ", known)}.");
        errors.Require(TrainImages is null or >= 2, "trainImages", $"must be at least 2 (got {TrainImages}); null trains on the whole database.");
        errors.Require(DatabaseImages is null or >= 1, "databaseImages", $"must be at least 1 (got {DatabaseImages}).");
        errors.Require(QueryImages is null or >= 1, "queryImages", $"must be at least 1 (got {QueryImages}).");
        errors.Require(QueryFraction is > 0 and < 1, "queryFraction", $"must be in (0, 1) (got {QueryFraction}).");
        errors.Require(ImageSize is null or >= 8, "imageSize", $"must be at least 8 pixels, or null for the dataset's own size (got {ImageSize}).");
        errors.Require(SyntheticPerClassPerDomain is null or >= 1, "syntheticPerClassPerDomain", $"must be at least 1 (got {SyntheticPerClassPerDomain}).");
        if (TrainImages is { } t && DatabaseImages is { } d)
        {
            errors.Require(t <= d, "trainImages", $"({t}) cannot exceed databaseImages ({d}): training images are drawn from the database.");
        }
    }
}
