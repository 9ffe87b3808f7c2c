using BenchmarkDotNet.Attributes;
using Workbench.Data;
using Workbench.Data.Catalog;
using Workbench.Data.Loaders;
using Workbench.Data.Loaders.Emoji;
using Workbench.Data.Loaders.Fonts;
using Workbench.Data.Synthetic;

namespace Workbench.Bench.Data;

/// <summary>
/// Loading the datasets into uint8 tensors from the installed packages (data root from
/// <c>$WORKBENCH_DATA</c> or the default; install first with <c>bash data/install.sh</c>).
/// Goals: Fashion-MNIST (70k) under 2 s; emoji-office loaded (install + load under 10 s in all);
/// the synthetic set (1,920 images of 32 px) under 0.5 s.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DataLoadBenchmarks
{
    private readonly DataRoot _root = DataRoot.Resolve();

    /// <summary>Fashion-MNIST train + test (70,000 images): gunzip, parse IDX, one tensor.</summary>
    [Benchmark]
    public int FashionMnist70k()
    {
        using var ds = FashionMnistLoader.Load(_root, DatasetSplit.All);
        return ds.Count;
    }

    /// <summary>emoji-office (2,188 images of 32 px over 4 domains): two sprite sheets, 547 EmojiOne PNGs, 547 Symbola glyphs.</summary>
    [Benchmark]
    public int EmojiOffice()
    {
        using var ds = EmojiLoader.Load(_root, EmojiPreset.Office);
        return ds.Count;
    }

    /// <summary>fonts (43,400 glyphs of 32 px from 700 faces, usability check cached).</summary>
    [Benchmark]
    public int Fonts()
    {
        using var ds = FontGlyphLoader.Load(_root, DatasetSplit.All, 32);
        return ds.Count;
    }

    /// <summary>The default synthetic set (1,920 images of 32 px).</summary>
    [Benchmark]
    public int Synthetic()
    {
        using var ds = SyntheticImageSet.Generate();
        return ds.Count;
    }
}
