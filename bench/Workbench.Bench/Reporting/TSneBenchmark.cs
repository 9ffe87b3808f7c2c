using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TorchSharp;
using Workbench.Reporting.Embedding;
using static TorchSharp.torch;

namespace Workbench.Bench.Reporting;

/// <summary>
/// Exact t-SNE to 2-D on N points of 5 Gaussian blobs in 64-d (PCA to 50 first, perplexity 30):
/// the whole embedding (affinities + 1000 iterations), one iteration (affinities + 1), and, as the
/// design baseline, 250 iterations of the same optimisation written with torch tensor ops (one
/// augmented matrix product and eight element-wise passes over N × N per iteration).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class TSneBenchmark
{
    private Tensor _x = null!;
    private Tensor _p = null!;

    /// <summary>Points.</summary>
    [Params(1000, 2000, 5000)]
    public int N { get; set; }

    /// <summary>Builds the blobs and, for the torch baseline, the joint affinities.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // BenchmarkDotNet runs each case in a generated host: load the natives before torch is touched.
        Workbench.Runtime.TorchRuntime.EnsureLoaded();
        var g = new Generator(0, CPU);
        g.manual_seed(1);
        var centres = randn([5, 64], generator: g).mul(10);
        var labels = arange(N, dtype: ScalarType.Int64).remainder(5);
        _x = centres.index_select(0, labels) + randn([N, 64], generator: g);
        _p = TSneAffinities.Joint(Pca.FitTransform(_x.to(ScalarType.Float64), 50), 30).Joint.to(ScalarType.Float32);
    }

    /// <summary>The full embedding with the default options (1000 iterations).</summary>
    [Benchmark]
    public double Embed1000()
    {
        using var r = TSne.Embed(_x, new TSneOptions { Seed = 1 });
        return r.KlDivergence;
    }

    /// <summary>PCA + affinities + one iteration: subtract from <see cref="Embed1000"/> to get the loop's share.</summary>
    [Benchmark]
    public double Embed1()
    {
        using var r = TSne.Embed(_x, new TSneOptions { Seed = 1, Iterations = 1 });
        return r.KlDivergence;
    }

    /// <summary>250 iterations of the torch formulation (baseline the fused kernel replaced).</summary>
    [Benchmark]
    public float TorchLoop250()
    {
        using var scope = NewDisposeScope();
        var y = randn(N, 2).mul(1e-4);
        var update = zeros_like(y);
        var gains = ones_like(y);
        var num = empty_like(_p);
        var work = empty_like(_p);
        for (int it = 0; it < 250; it++)
        {
            using var step = NewDisposeScope();
            var sq = y.square().sum(1, keepdim: true);
            var one = ones_like(sq);
            var a = cat([y, sq, one], 1);
            var bt = cat([y.mul(-2), one, sq.add(1)], 1).t().contiguous();
            num.addmm_(a, bt, beta: 0, alpha: 1).clamp_min_(1).reciprocal_();
            using (var diag = num.diagonal()) diag.zero_();
            double z = num.sum(1).sum().item<float>();
            work.copy_(_p).mul_(num).addcmul_(num, num, value: -1.0 / z);
            var wy = stack([work.mv(y[.., 0].contiguous()), work.mv(y[.., 1].contiguous())], 1);
            var grad = work.sum(1, keepdim: true).mul(y).sub_(wy).mul_(4);
            gains.copy_(where((update * grad) < 0, gains + 0.2, gains * 0.8).clamp_min_(0.01));
            update.mul_(0.5).sub_(gains.mul(grad).mul_(50));
            y.add_(update);
            y.sub_(y.mean([0], keepdim: true));
        }
        return y[0, 0].item<float>();
    }
}
