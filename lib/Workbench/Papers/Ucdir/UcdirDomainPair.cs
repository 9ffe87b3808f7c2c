using Workbench.Data;
using Workbench.Data.Catalog;
using Workbench.Data.Synthetic;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// The two domains of a UCDIR run: training images of A and of B (image id = position in the domain, as the memory
/// banks and the paired sampler index them) and a held-out part of each domain: a class-stratified fraction when
/// <see cref="UcdirConfig.HeldOutFraction"/> &gt; 0, else the dataset's own test list where it has one (DomainNet), else none
/// (the paper's transductive protocol only). Labels are read only by the evaluation.
/// </summary>
public sealed class UcdirDomainPair : IDisposable
{
    /// <summary>Images above this many bytes per domain stay lazily decoded instead of being copied into memory.</summary>
    public const long MaterializeLimitBytes = 512L << 20;

    private UcdirDomainPair(IImageDataset trainA, IImageDataset trainB, IImageDataset? heldOutA, IImageDataset? heldOutB, IReadOnlyList<string> classNames)
    {
        TrainA = trainA;
        TrainB = trainB;
        HeldOutA = heldOutA;
        HeldOutB = heldOutB;
        ClassNames = classNames;
    }

    /// <summary>Domain A's training images.</summary>
    public IImageDataset TrainA { get; }

    /// <summary>Domain B's training images.</summary>
    public IImageDataset TrainB { get; }

    /// <summary>Domain A's held-out images, or null.</summary>
    public IImageDataset? HeldOutA { get; }

    /// <summary>Domain B's held-out images, or null.</summary>
    public IImageDataset? HeldOutB { get; }

    /// <summary>Class names shared by both domains (class id = index).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Classes present in the training images of either domain.</summary>
    public int ClassCount => TrainA.Labels.Concat(TrainB.Labels).Distinct().Count();

    /// <summary>Loads the pair <paramref name="config"/> names.</summary>
    /// <exception cref="ArgumentException">Unknown dataset, domain or class.</exception>
    /// <exception cref="DatasetNotInstalledException">The data is not installed (the message names the install command).</exception>
    public static UcdirDomainPair Load(UcdirConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (HasOfficialSplit(config.Data) && config.HeldOutFraction == 0)
        {
            // DomainNet ships train/test lists: train (and evaluate transductively) on train, evaluate the test part as held out.
            var train = Restrict(LoadSplit(config, DatasetSplit.Train), config);
            var test = Restrict(LoadSplit(config, DatasetSplit.Test), config);
            return new UcdirDomainPair(Own(train.ByDomain(config.DomainA)), Own(train.ByDomain(config.DomainB)),
                Own(test.ByDomain(config.DomainA)), Own(test.ByDomain(config.DomainB)), train.ClassNames);
        }
        IImageDataset all = string.Equals(config.Data, "synthetic", StringComparison.OrdinalIgnoreCase)
            ? SyntheticImageSet.Generate(new SyntheticOptions(config.SyntheticClasses, SyntheticImageSet.DomainNames.Count, config.SyntheticPerClass, config.ImageSize, config.DataSeed))
            : LoadSplit(config, DatasetSplit.All);
        all = Restrict(all, config);
        var a = all.ByDomain(config.DomainA);
        var b = all.ByDomain(config.DomainB);
        if (config.HeldOutFraction > 0)
        {
            var (trainA, testA) = a.SplitStratified(config.HeldOutFraction, config.DataSeed);
            var (trainB, testB) = b.SplitStratified(config.HeldOutFraction, config.DataSeed + 1);
            return Release(all, new UcdirDomainPair(Own(trainA), Own(trainB), Own(testA), Own(testB), all.ClassNames));
        }
        return Release(all, new UcdirDomainPair(Own(a), Own(b), null, null, all.ClassNames));
    }

    private static UcdirDomainPair Release(IImageDataset source, UcdirDomainPair pair)
    {
        // Every part is an in-memory copy: the source's images are no longer needed.
        bool copied = new[] { pair.TrainA, pair.TrainB, pair.HeldOutA ?? pair.TrainA, pair.HeldOutB ?? pair.TrainB }.All(d => d is InMemoryImageDataset && !ReferenceEquals(d, source));
        if (copied) (source as IDisposable)?.Dispose();
        return pair;
    }

    /// <summary>Class ids of <paramref name="dataset"/> as int32 (for relevance judgements).</summary>
    public static int[] LabelsOf(IImageDataset dataset) => dataset.Labels.Select(l => checked((int)l)).ToArray();

    /// <summary>Disposes the in-memory copies.</summary>
    public void Dispose()
    {
        foreach (var d in new[] { TrainA, TrainB, HeldOutA, HeldOutB }) (d as IDisposable)?.Dispose();
    }

    /// <summary>Whether the dataset has its own train/test lists (DomainNet), used as the held-out split when <see cref="UcdirConfig.HeldOutFraction"/> is 0.</summary>
    public static bool HasOfficialSplit(string data) => string.Equals(data, "domainnet", StringComparison.OrdinalIgnoreCase);

    private static IImageDataset LoadSplit(UcdirConfig config, DatasetSplit split) => DatasetCatalog.Load(config.Data, new DatasetOptions
    {
        ImageSize = config.ImageSize,
        Path = config.DataPath,
        Split = split,
        Domains = [config.DomainA, config.DomainB],
        Classes = config.Classes,
        Seed = config.DataSeed,
    });

    private static IImageDataset Restrict(IImageDataset all, UcdirConfig config)
    {
        if (config.Classes is not { Count: > 0 } keep || all.ClassNames.Count == keep.Count) return all;
        var ids = keep.Select(name => (long)IndexOf(all.ClassNames, name, "class", all.Name)).ToArray();
        return all.ByClasses(ids, relabel: true);
    }

    private static IImageDataset Own(IImageDataset d) =>
        (long)d.Count * d.Channels * d.Height * d.Width <= MaterializeLimitBytes ? d.Materialize() : d;

    private static int IndexOf(IReadOnlyList<string> names, string name, string what, string dataset)
    {
        for (int i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new ArgumentException($"{dataset} has no {what} '{name}'. It has: {string.Join(", ", names)}.");
    }
}
