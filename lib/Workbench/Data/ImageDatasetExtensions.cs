using TorchSharp;

namespace Workbench.Data;

/// <summary>Float batches, views (subset, by domain, by class, stratified split) and materialisation for every <see cref="IImageDataset"/>.</summary>
public static class ImageDatasetExtensions
{
    /// <summary>The images at <paramref name="indices"/> as float32 <c>[B, C, H, W]</c> in [0, 1] (byte / 255) on <paramref name="device"/> (default CPU).</summary>
    public static torch.Tensor LoadFloat(this IImageDataset dataset, ReadOnlySpan<int> indices, torch.Device? device = null)
    {
        using var bytes = dataset.LoadImages(indices);
        return ToUnitFloat(bytes, device);
    }

    /// <summary>uint8 images to float32 in [0, 1] on <paramref name="device"/> (the input is not disposed).</summary>
    public static torch.Tensor ToUnitFloat(torch.Tensor images, torch.Device? device = null)
    {
        if (images.dtype != torch.ScalarType.Byte) throw new ArgumentException($"Expected uint8 images, got {images.dtype}.", nameof(images));
        var dev = device ?? torch.CPU;
        if (images.device_type == dev.type && images.device_index == dev.index)
            return images.to_type(torch.ScalarType.Float32).div_(255f);
        using var moved = images.to(dev);
        return moved.to_type(torch.ScalarType.Float32).div_(255f);
    }

    /// <summary>All images, uint8 <c>[N, C, H, W]</c>.</summary>
    public static torch.Tensor LoadAll(this IImageDataset dataset) => dataset.LoadImages(Enumerable.Range(0, dataset.Count).ToArray());

    /// <summary>Copies every image into an <see cref="InMemoryImageDataset"/> (loaded in chunks of <paramref name="chunk"/>); a dataset already in memory is returned as it is.</summary>
    public static InMemoryImageDataset Materialize(this IImageDataset dataset, int chunk = 1024)
    {
        if (dataset is InMemoryImageDataset m) return m;
        var parts = new List<torch.Tensor>();
        try
        {
            for (int s = 0; s < dataset.Count; s += chunk)
                parts.Add(dataset.LoadImages(Enumerable.Range(s, Math.Min(chunk, dataset.Count - s)).ToArray()));
            using var all = parts.Count == 0 ? torch.empty([0, dataset.Channels, dataset.Height, dataset.Width], torch.uint8) : torch.cat(parts, 0);
            return new InMemoryImageDataset(dataset.Name, all, [.. dataset.Labels], dataset.ClassNames, [.. dataset.Domains], dataset.DomainNames);
        }
        finally
        {
            foreach (var p in parts) p.Dispose();
        }
    }

    /// <summary>A view of the images at <paramref name="indices"/>.</summary>
    public static SubsetImageDataset Subset(this IImageDataset dataset, IReadOnlyList<int> indices, string? name = null) => new(dataset, indices, name);

    /// <summary>The first <paramref name="count"/> images (or all, if fewer).</summary>
    public static SubsetImageDataset Take(this IImageDataset dataset, int count) =>
        new(dataset, Enumerable.Range(0, Math.Min(count, dataset.Count)).ToArray(), dataset.Name);

    /// <summary>The images of domain <paramref name="domain"/> (ids and names unchanged).</summary>
    public static SubsetImageDataset ByDomain(this IImageDataset dataset, int domain)
    {
        if ((uint)domain >= (uint)dataset.DomainNames.Count)
            throw new ArgumentOutOfRangeException(nameof(domain), domain, $"{dataset.Name} has domains 0..{dataset.DomainNames.Count - 1} ({string.Join(", ", dataset.DomainNames)}).");
        var idx = Enumerable.Range(0, dataset.Count).Where(i => dataset.Domains[i] == domain).ToArray();
        return new SubsetImageDataset(dataset, idx, $"{dataset.Name}/{dataset.DomainNames[domain]}");
    }

    /// <summary>The images of the domains named <paramref name="domains"/> (case-insensitive; ids and names unchanged).</summary>
    /// <exception cref="ArgumentException">A name is not one of the dataset's domains.</exception>
    public static SubsetImageDataset ByDomains(this IImageDataset dataset, IEnumerable<string> domains)
    {
        var ids = domains.Select(name =>
        {
            for (int d = 0; d < dataset.DomainNames.Count; d++)
                if (string.Equals(dataset.DomainNames[d], name, StringComparison.OrdinalIgnoreCase)) return d;
            throw new ArgumentException($"{dataset.Name} has no domain '{name}'; it has: {string.Join(", ", dataset.DomainNames)}.", nameof(domains));
        }).ToHashSet();
        return new SubsetImageDataset(dataset, Enumerable.Range(0, dataset.Count).Where(i => ids.Contains(dataset.Domains[i])).ToArray(), dataset.Name);
    }

    /// <summary>The images of the domain named <paramref name="domain"/> (case-insensitive).</summary>
    public static SubsetImageDataset ByDomain(this IImageDataset dataset, string domain)
    {
        for (int d = 0; d < dataset.DomainNames.Count; d++)
            if (string.Equals(dataset.DomainNames[d], domain, StringComparison.OrdinalIgnoreCase)) return dataset.ByDomain(d);
        throw new ArgumentException($"{dataset.Name} has no domain '{domain}'; it has: {string.Join(", ", dataset.DomainNames)}.", nameof(domain));
    }

    /// <summary>
    /// The images of the classes <paramref name="classes"/>. With <paramref name="relabel"/> the kept
    /// classes get ids 0..k-1 in the given order and <see cref="IImageDataset.ClassNames"/> lists
    /// only them (what a class-disjoint train/test split needs); otherwise ids are unchanged.
    /// </summary>
    public static SubsetImageDataset ByClasses(this IImageDataset dataset, IEnumerable<long> classes, bool relabel = true, string? name = null)
    {
        var kept = classes.Distinct().ToArray();
        var map = Enumerable.Repeat(-1L, dataset.ClassNames.Count).ToArray();
        for (int i = 0; i < kept.Length; i++)
        {
            if (kept[i] < 0 || kept[i] >= map.Length) throw new ArgumentOutOfRangeException(nameof(classes), kept[i], $"{dataset.Name} has classes 0..{map.Length - 1}.");
            map[kept[i]] = i;
        }
        var idx = Enumerable.Range(0, dataset.Count).Where(i => map[dataset.Labels[i]] >= 0).ToArray();
        return relabel
            ? new SubsetImageDataset(dataset, idx, name ?? dataset.Name, map, kept.Select(c => dataset.ClassNames[(int)c]).ToArray())
            : new SubsetImageDataset(dataset, idx, name ?? dataset.Name);
    }

    /// <summary>Number of images per class id (length <c>ClassNames.Count</c>).</summary>
    public static int[] ClassCounts(this IImageDataset dataset)
    {
        var counts = new int[dataset.ClassNames.Count];
        foreach (long y in dataset.Labels) counts[y]++;
        return counts;
    }

    /// <summary>Number of images per domain id.</summary>
    public static int[] DomainCounts(this IImageDataset dataset)
    {
        var counts = new int[dataset.DomainNames.Count];
        foreach (int d in dataset.Domains) counts[d]++;
        return counts;
    }

    /// <summary>
    /// A seeded stratified split: from every class, <c>round(n_c · testFraction)</c> images go to the
    /// second view (queries) and the rest to the first (database). Order within each view follows the source.
    /// </summary>
    public static (SubsetImageDataset Train, SubsetImageDataset Test) SplitStratified(this IImageDataset dataset, double testFraction, long seed)
    {
        if (testFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be in (0, 1).");
        var rng = Runtime.Seeding.NewRandom("split-stratified", seed);
        var test = new bool[dataset.Count];
        foreach (var group in Enumerable.Range(0, dataset.Count).GroupBy(i => dataset.Labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            rng.Shuffle(members);
            int k = (int)Math.Round(members.Length * testFraction);
            for (int i = 0; i < k; i++) test[members[i]] = true;
        }
        var tr = Enumerable.Range(0, dataset.Count).Where(i => !test[i]).ToArray();
        var te = Enumerable.Range(0, dataset.Count).Where(i => test[i]).ToArray();
        return (new SubsetImageDataset(dataset, tr, dataset.Name + "/database"), new SubsetImageDataset(dataset, te, dataset.Name + "/queries"));
    }
}
