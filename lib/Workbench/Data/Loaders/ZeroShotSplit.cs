namespace Workbench.Data.Loaders;

/// <summary>The class-disjoint (zero-shot) split of the metric-learning benchmarks: classes 1..k train, the rest test.</summary>
internal static class ZeroShotSplit
{
    /// <summary>
    /// Builds the dataset of <paramref name="split"/> from (path, 1-based class) rows: Train keeps classes
    /// 1..<paramref name="trainClasses"/>, Test the others, All keeps every class; kept classes are renumbered
    /// from 0 in id order.
    /// </summary>
    public static FileImageDataset Build(string name, DatasetSplit split, int trainClasses, IReadOnlyList<(string Path, int Class)> rows,
        IReadOnlyDictionary<int, string> classNames, ImageLoadOptions options)
    {
        bool Keep(int c) => split switch { DatasetSplit.Train => c <= trainClasses, DatasetSplit.Test => c > trainClasses, _ => true };
        var kept = classNames.Keys.Where(Keep).Order().ToArray();
        var map = kept.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (long)x.i);
        var entries = rows.Where(r => Keep(r.Class)).Select(r => new ImageFileEntry(r.Path, map[r.Class])).ToList();
        string full = split == DatasetSplit.All ? name : $"{name}/{split.ToString().ToLowerInvariant()}";
        return new FileImageDataset(full, entries, kept.Select(c => classNames[c]).ToArray(), null, options);
    }
}
