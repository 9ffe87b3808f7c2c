using Workbench.Data;
using Workbench.Data.Catalog;

namespace Workbench.Papers.Spq;

/// <summary>
/// The three image sets of an SPQ run (papers.md 2.4): the <see cref="Database"/> (train split, encoded
/// into the PQ index), the <see cref="Queries"/> (test split, searched with raw descriptors) and the
/// <see cref="Train"/> images (the database, or a stratified subset of it). Relevance = same class.
/// </summary>
public sealed class SpqData : IDisposable
{
    private readonly List<IDisposable> _owned;

    private SpqData(IImageDataset database, IImageDataset queries, IImageDataset train, List<IDisposable> owned)
    {
        Database = database;
        Queries = queries;
        Train = train;
        _owned = owned;
    }

    /// <summary>The indexed images.</summary>
    public IImageDataset Database { get; }

    /// <summary>The query images.</summary>
    public IImageDataset Queries { get; }

    /// <summary>The training images (labels unused).</summary>
    public IImageDataset Train { get; }

    /// <summary>Wraps sets the caller made (tests, notebooks); they stay the caller's to dispose.</summary>
    public static SpqData From(IImageDataset database, IImageDataset queries, IImageDataset? train = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(queries);
        if (database.Channels != queries.Channels || database.Height != queries.Height || database.Width != queries.Width)
        {
            throw new ArgumentException($"Database images are {database.Channels}x{database.Height}x{database.Width} but queries are {queries.Channels}x{queries.Height}x{queries.Width}.");
        }
        return new SpqData(database, queries, train ?? database, []);
    }

    /// <summary>Loads the sets <paramref name="settings"/> describe.</summary>
    /// <exception cref="DatasetNotInstalledException">The dataset is not installed; the message names the install command.</exception>
    public static SpqData Load(SpqDataSettings settings, DataRoot? root = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var owned = new List<IDisposable>();
        try
        {
            string name = settings.Dataset.Trim().ToLowerInvariant();
            IImageDataset database, queries;
            if (name == "synthetic")
            {
                var all = DatasetCatalog.Load(name, new DatasetOptions
                {
                    Root = root,
                    Seed = settings.SubsetSeed,
                    PerClassPerDomain = settings.SyntheticPerClassPerDomain,
                    ImageSize = settings.ImageSize,
                });
                Own(all, owned);
                (database, queries) = all.SplitStratified(settings.QueryFraction, settings.SubsetSeed);
            }
            else
            {
                var options = new DatasetOptions { Root = root, Path = settings.Path, ImageSize = settings.ImageSize };
                database = Own(DatasetCatalog.Load(name, options with { Split = DatasetSplit.Train }), owned);
                queries = Own(DatasetCatalog.Load(name, options with { Split = DatasetSplit.Test }), owned);
            }
            database = Cap(database, settings.DatabaseImages, settings.SubsetSeed, "database");
            queries = Cap(queries, settings.QueryImages, settings.SubsetSeed, "queries");
            var train = Cap(database, settings.TrainImages, settings.SubsetSeed, "train");
            return new SpqData(database, queries, train, owned);
        }
        catch
        {
            foreach (var d in owned) d.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A stratified subset of about <paramref name="count"/> images (round(n_c · count / N) per class,
    /// <see cref="ImageDatasetExtensions.SplitStratified"/>), or <paramref name="dataset"/> itself when the cap is null or not below its size.
    /// </summary>
    public static IImageDataset Cap(IImageDataset dataset, int? count, long seed, string role)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (count is not { } c || c >= dataset.Count) return dataset;
        if (c < 1) throw new ArgumentOutOfRangeException(nameof(count), c, $"The {role} cap must be at least 1.");
        return dataset.SplitStratified(c / (double)dataset.Count, seed).Test;
    }

    /// <summary>
    /// Indices (ascending) of a stratified subset of about <paramref name="count"/> images of <paramref name="dataset"/>,
    /// or every index when <paramref name="count"/> is null or not below its size.
    /// </summary>
    public static int[] StratifiedIndices(IImageDataset dataset, int? count, long seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (count is not { } c || c >= dataset.Count) return Enumerable.Range(0, dataset.Count).ToArray();
        if (c < 1) throw new ArgumentOutOfRangeException(nameof(count), c, "The subset must hold at least 1 image.");
        return [.. dataset.SplitStratified(c / (double)dataset.Count, seed).Test.SourceIndices];
    }

    /// <summary>Class ids of <paramref name="dataset"/> as an int array (for <see cref="Retrieval.Relevance.SameClass(int[], int[])"/>).</summary>
    public static int[] ClassIds(IImageDataset dataset) => dataset.Labels.Select(l => checked((int)l)).ToArray();

    /// <summary>Frees the loaded images.</summary>
    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
        _owned.Clear();
    }

    private static IImageDataset Own(IImageDataset dataset, List<IDisposable> owned)
    {
        if (dataset is IDisposable d) owned.Add(d);
        return dataset;
    }
}
