using Workbench.Experiments.Records;

namespace Workbench.Tests.Experiments.Records;

public class SeedAggregateTests
{
    [Fact]
    public void MeanAndSampleSd_ByHand()
    {
        // 0.5, 0.7, 0.9: mean 0.7; squared deviations 0.04, 0, 0.04; /(3-1) = 0.04; sd 0.2.
        var s = SeedAggregate.Summarize([0.5, 0.7, 0.9]);
        Assert.Equal(0.7, s.Mean, 1e-15);
        Assert.Equal(0.2, s.StandardDeviation!.Value, 1e-15);
        Assert.Equal(3, s.Count);

        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x-5)² = 32, sample sd = √(32/7).
        var t = SeedAggregate.Summarize([2.0, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(5.0, t.Mean);
        Assert.Equal(Math.Sqrt(32.0 / 7), t.StandardDeviation!.Value, 1e-15);
    }

    [Fact]
    public void OneSeed_HasNoSd_AndLargeOffsetsDoNotCancel()
    {
        Assert.Null(SeedAggregate.Summarize([0.81]).StandardDeviation);
        var s = SeedAggregate.Summarize([1e9 + 1, 1e9 + 2, 1e9 + 3]);
        Assert.Equal(1.0, s.StandardDeviation!.Value, 1e-9);
        Assert.Throws<ArgumentException>(() => SeedAggregate.Summarize(Array.Empty<double>()));
    }

    [Fact]
    public void PerMetric_OverTheSeedsThatReportIt()
    {
        var perSeed = new List<IReadOnlyDictionary<string, double>>
        {
            new Dictionary<string, double> { ["mAP"] = 0.70, ["P@1"] = 0.9 },
            new Dictionary<string, double> { ["mAP"] = 0.74 },
            new Dictionary<string, double> { ["mAP"] = 0.78, ["P@1"] = 0.8 },
        };
        var s = SeedAggregate.Summarize(perSeed);
        Assert.Equal(["mAP", "P@1"], s.Keys);
        Assert.Equal(0.74, s["mAP"].Mean, 1e-15);
        Assert.Equal(0.04, s["mAP"].StandardDeviation!.Value, 1e-15);
        Assert.Equal(2, s["P@1"].Count);
        Assert.Equal(0.85, s["P@1"].Mean, 1e-15);
        Assert.Equal(Math.Sqrt(0.005), s["P@1"].StandardDeviation!.Value, 1e-15);
    }
}
