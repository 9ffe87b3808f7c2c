using BenchmarkDotNet.Attributes;
using TorchSharp;
using Workbench.Data.Augmentation;
using Workbench.Runtime;

namespace Workbench.Bench.Data;

/// <summary>
/// Two augmented views of a batch (SimCLR/SPQ pipeline; MoCo v2 for comparison), CPU, torch threads
/// as configured (<c>WORKBENCH_THREADS</c> or the core count). Goal: two views of 256 x 28 x 28 under 30 ms on 2 cores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class AugmentationBenchmarks
{
    private torch.Tensor _grey = null!;
    private torch.Tensor _rgb = null!;
    private torch.Generator _generator = null!;
    private TwoViewAugmentation _simclr28 = null!;
    private TwoViewAugmentation _simclr32 = null!;
    private TwoViewAugmentation _moco32 = null!;

    /// <summary>Random batches and the pipelines.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Threads.Configure();
        _generator = Seeding.NewGenerator("bench", 1);
        _grey = torch.rand([256, 1, 28, 28], generator: _generator);
        _rgb = torch.rand([256, 3, 32, 32], generator: _generator);
        _simclr28 = AugmentationPresets.SimClrTwoViews(28);
        _simclr32 = AugmentationPresets.SimClrTwoViews(32);
        _moco32 = AugmentationPresets.MoCoV2TwoViews(32);
    }

    /// <summary>Two SimCLR/SPQ views of 256 x 1 x 28 x 28 (Fashion-MNIST batches).</summary>
    [Benchmark]
    public long TwoViews_SimClr_256x1x28() => Run(_simclr28, _grey);

    /// <summary>Two SimCLR/SPQ views of 256 x 3 x 32 x 32 (CIFAR-10 batches; includes the hue rotation).</summary>
    [Benchmark]
    public long TwoViews_SimClr_256x3x32() => Run(_simclr32, _rgb);

    /// <summary>Two MoCo v2 views of 256 x 3 x 32 x 32 (with normalisation).</summary>
    [Benchmark]
    public long TwoViews_MoCoV2_256x3x32() => Run(_moco32, _rgb);

    private long Run(TwoViewAugmentation aug, torch.Tensor x)
    {
        var (a, b) = aug.Apply(x, _generator);
        long n = a.shape[0] + b.shape[0];
        a.Dispose();
        b.Dispose();
        return n;
    }
}
