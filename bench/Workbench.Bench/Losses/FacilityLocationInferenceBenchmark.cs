using BenchmarkDotNet.Attributes;
using Workbench.Losses.MetricLearning.FacilityLocation;

namespace Workbench.Bench.Losses;

/// <summary>
/// Greedy + 5 PAM sweeps of the facility-location loss-augmented inference on one batch
/// (m items, |Y| classes, m/|Y| per class, L2-normalised 64-d Gaussian clusters), NMI margin.
/// Target: &lt; 20 ms for m = 128, |Y| = 32 on 2 cores (issue 10).
/// </summary>
[MemoryDiagnoser]
public class FacilityLocationInferenceBenchmark
{
    private double[] _distances = [];
    private long[] _labels = [];
    private FacilityLocationInference _inference = null!;

    /// <summary>Batch size m.</summary>
    [Params(128)]
    public int BatchSize { get; set; }

    /// <summary>Distinct classes |Y| (C/m = 0.25, 0.5, 0.75 at m = 128).</summary>
    [Params(32, 64, 96)]
    public int Classes { get; set; }

    /// <summary>γ: 0 skips the NMI term, 1 is a typical value.</summary>
    [Params(1.0)]
    public double Gamma { get; set; }

    /// <summary>Builds a reproducible batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_distances, _labels) = SyntheticBatch.Create(BatchSize, Classes, dimension: 64, spread: 0.6, seed: 7);
        _inference = new FacilityLocationInference();
    }

    /// <summary>Greedy + 5 PAM sweeps.</summary>
    [Benchmark]
    public double GreedyAndPam() => _inference.Solve(_distances, _labels, Gamma).AugmentedScore;

    /// <summary>Greedy only (PAM disabled).</summary>
    [Benchmark]
    public double GreedyOnly()
    {
        _inference.Load(_distances, _labels, Gamma);
        _inference.RunGreedy();
        return _inference.AugmentedScore;
    }
}
