using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TorchSharp;
using Workbench.Reporting.Embedding;
using static TorchSharp.torch;

namespace Workbench.Bench.Reporting;

/// <summary>PCA to 2 components (thin SVD in float64) of N × D float32 embeddings.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PcaBenchmark
{
    private Tensor _x = null!;

    /// <summary>Points.</summary>
    [Params(5000)]
    public int N { get; set; }

    /// <summary>Dimensions.</summary>
    [Params(64, 512, 2048)]
    public int D { get; set; }

    /// <summary>Random embeddings.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // BenchmarkDotNet runs each case in a generated host: load the natives before torch is touched.
        Workbench.Runtime.TorchRuntime.EnsureLoaded();
        var g = new Generator(0, CPU);
        g.manual_seed(2);
        _x = randn([N, D], generator: g);
    }

    /// <summary>Fit and project.</summary>
    [Benchmark]
    public float FitTransform()
    {
        using var y = Pca.FitTransform(_x, 2);
        return y[0, 0].item<float>();
    }
}
