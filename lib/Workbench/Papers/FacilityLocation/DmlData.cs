using System.Collections.Concurrent;
using Workbench.Data;
using Workbench.Data.Catalog;
using Workbench.Data.Loaders.Fonts;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The zero-shot (class-disjoint) data of a <c>dml</c> run (papers.md 3.5): training images of the
/// training classes and test images of held-out classes, either from the loader's own split
/// (fonts 31/31, CUB 1–100 / 101–200, Cars 1–98 / 99–196, SOP) or from explicit class lists
/// (Fashion-MNIST 0–4 / 5–9, synthetic). Test classes are relabelled 0..k−1.
/// </summary>
/// <param name="Train">Training images (labels 0..C_train−1).</param>
/// <param name="Test">Test images of unseen classes (labels 0..C_test−1), optionally thinned to <see cref="DmlConfig.TestPerClass"/>.</param>
public sealed record DmlData(IImageDataset Train, IImageDataset Test)
{
    /// <summary>Number of training classes of the configuration when it is known without loading data, else null.</summary>
    public static int? KnownTrainClassCount(DmlConfig config)
    {
        if (config.TrainClasses is { } train) return train.Distinct().Count();
        if (DefaultClassSplit(config.Dataset) is { } split) return split.Train.Length;
        return config.Dataset.Trim().ToLowerInvariant() switch
        {
            "fonts" => 31,
            "cub200" => 100,
            "cars196" => 98,
            "sop" => 11_318,
            _ => null,
        };
    }

    /// <summary>Loads the training and test parts of <paramref name="config"/>'s dataset.</summary>
    /// <exception cref="DatasetNotInstalledException">The data is not installed (the message names the install command).</exception>
    /// <exception cref="ArgumentException">The dataset needs explicit class lists, or a class id is out of range.</exception>
    public static DmlData Load(DmlConfig config)
    {
        var options = new DatasetOptions
        {
            ImageSize = config.ImageSize,
            Path = config.DataPath,
            PerClassPerDomain = config.SyntheticPerClassPerDomain,
        };
        IImageDataset train, test;
        (int[] Train, int[] Test)? classSplit = config.TrainClasses is { } tr && config.TestClasses is { } te ? (tr, te) : DefaultClassSplit(config.Dataset);
        if (classSplit is { } split)
        {
            var (trainClasses, testClasses) = split;
            var all = LoadCached(config.Dataset, options);
            train = all.ByClasses(trainClasses.Select(c => (long)c), relabel: true, name: $"{all.Name}/classes {Describe(trainClasses)}");
            test = all.ByClasses(testClasses.Select(c => (long)c), relabel: true, name: $"{all.Name}/classes {Describe(testClasses)}");
        }
        else
        {
            if (string.Equals(config.Dataset.Trim(), FontGlyphLoader.Name, StringComparison.OrdinalIgnoreCase))
            {
                // The loader's own 31/31 split (its character lists), taken from one rendering of all 62 classes.
                var all = LoadCached(FontGlyphLoader.Name, options);
                train = all.ByClasses(FontGlyphLoader.TrainCharacters.Select(c => (long)FontGlyphLoader.Characters.IndexOf(c)), relabel: true, name: $"{FontGlyphLoader.Name}/train");
                test = all.ByClasses(FontGlyphLoader.TestCharacters.Select(c => (long)FontGlyphLoader.Characters.IndexOf(c)), relabel: true, name: $"{FontGlyphLoader.Name}/test");
            }
            else
            {
                train = LoadCached(config.Dataset, options with { Split = DatasetSplit.Train });
                test = LoadCached(config.Dataset, options with { Split = DatasetSplit.Test });
            }
        }
        if (config.TestPerClass is int perClass) test = ThinPerClass(test, perClass);
        return new DmlData(train, test);
    }

    /// <summary>
    /// Keeps at most <paramref name="perClass"/> images of every class, evenly spaced over the class's
    /// images in dataset order (so every font style or source is represented), deterministic.
    /// </summary>
    public static IImageDataset ThinPerClass(IImageDataset dataset, int perClass)
    {
        var keep = new List<int>();
        foreach (var group in Enumerable.Range(0, dataset.Count).GroupBy(i => dataset.Labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            if (members.Length <= perClass)
            {
                keep.AddRange(members);
                continue;
            }
            for (int j = 0; j < perClass; j++) keep.Add(members[(int)((long)j * members.Length / perClass)]);
        }
        keep.Sort();
        return keep.Count == dataset.Count ? dataset : dataset.Subset(keep, $"{dataset.Name} ({perClass} per class)");
    }

    /// <summary>Drops the process-wide dataset cache (disposing in-memory sets).</summary>
    public static void ClearCache()
    {
        foreach (var entry in Cache.Values)
        {
            if (entry.IsValueCreated) (entry.Value as IDisposable)?.Dispose();
        }
        Cache.Clear();
    }

    private static readonly ConcurrentDictionary<string, Lazy<IImageDataset>> Cache = new(StringComparer.Ordinal);

    private static IImageDataset LoadCached(string name, DatasetOptions options)
    {
        string key = string.Join("|", name.Trim().ToLowerInvariant(), options.ResolvedRoot.Path, options.Path, options.ImageSize, options.Split, options.PerClassPerDomain, options.Seed);
        return Cache.GetOrAdd(key, _ => new Lazy<IImageDataset>(() => DatasetCatalog.Load(name, options), LazyThreadSafetyMode.PublicationOnly)).Value;
    }

    /// <summary>
    /// The class lists used when the configuration gives none and the loader has no zero-shot split:
    /// Fashion-MNIST 0–4 / 5–9 (datasets.md), synthetic 0–5 / 6–9; null for the others.
    /// </summary>
    public static (int[] Train, int[] Test)? DefaultClassSplit(string dataset) => dataset.Trim().ToLowerInvariant() switch
    {
        "fashion-mnist" => ([0, 1, 2, 3, 4], [5, 6, 7, 8, 9]),
        "synthetic" => ([0, 1, 2, 3, 4, 5], [6, 7, 8, 9]),
        _ => null,
    };

    private static string Describe(int[] classes) => classes.Length > 0 && classes.Zip(classes.Skip(1)).All(p => p.Second == p.First + 1)
        ? $"{classes[0]}-{classes[^1]}"
        : string.Join(",", classes);
}
