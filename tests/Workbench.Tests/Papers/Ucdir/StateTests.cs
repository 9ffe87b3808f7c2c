using Workbench.Papers.Ucdir;
using static Workbench.Tests.Losses.Ucdir.UcdirTestData;

namespace Workbench.Tests.Papers.Ucdir;

public class StateTests
{
    [Fact]
    public void Weighted_batch_mean_matches_a_loop()
    {
        using var scope = NewDisposeScope();
        var rng = new Random(71);
        var z = Rows(rng, 6, 3, normalize: false);
        var p = Rows(rng, 6, 4, normalize: false).Select(r => Softmax(r)).ToArray();
        var (means, mass) = CentroidStore.WeightedBatchMean(T(z, ScalarType.Float64), T(p, ScalarType.Float64));
        for (int j = 0; j < 4; j++)
        {
            double w = p.Sum(r => r[j]);
            Assert.Equal(w, mass[j].ToDouble(), 12);
            for (int d = 0; d < 3; d++)
                Assert.Equal(Enumerable.Range(0, 6).Sum(i => p[i][j] * z[i][d]) / w, means[j, d].ToDouble(), 12);
        }
    }

    [Fact]
    public void Centroid_updates_replace_ema_and_running_mean_as_documented()
    {
        using var scope = NewDisposeScope();
        var c0 = tensor(new double[] { 1, 0, 0, 1 }).reshape(2, 2);
        var m = tensor(new double[] { 0, 2, 4, 0 }).reshape(2, 2);
        var w = tensor(new double[] { 1.0, 3.0 });

        using var replace = new CentroidStore(c0, CentroidUpdate.BatchMean, normalize: false);
        replace.Apply(m, w);
        Assert.True(replace.Centroids.allclose(m));

        using var ema = new CentroidStore(c0, CentroidUpdate.Ema, momentum: 0.75, normalize: false);
        ema.Apply(m, w);
        Assert.True(ema.Centroids.allclose(c0 * 0.75 + m * 0.25));

        using var running = new CentroidStore(c0, CentroidUpdate.RunningMean, normalize: false);
        running.Apply(m, w);                        // first batch: W = 0, so c = m
        Assert.True(running.Centroids.allclose(m));
        var m2 = tensor(new double[] { 3, 3, 0, 4 }).reshape(2, 2);
        var w2 = tensor(new double[] { 2.0, 1.0 });
        running.Apply(m2, w2);                      // (1·m + 2·m2)/3 and (3·m + 1·m2)/4
        var expected = stack([(m[0] * 1 + m2[0] * 2) / 3, (m[1] * 3 + m2[1] * 1) / 4]);
        Assert.True(running.Centroids.allclose(expected));
        Assert.True(running.Mass.allclose(tensor(new double[] { 3, 4 })));

        using var normalized = new CentroidStore(c0);
        normalized.Apply(m, tensor(new double[] { 1.0, 1e-9 }));   // cluster 1 has too little mass: unchanged
        Assert.True(normalized.Centroids.allclose(tensor(new double[] { 0, 1, 0, 1 }).reshape(2, 2)));
        Assert.Equal(1, normalized.Updates);
        Assert.Throws<ArgumentException>(() => new CentroidStore(c0, CentroidUpdate.Ema, momentum: 1.0));
    }

    [Fact]
    public void Blend_carries_gradient_into_the_batch_means_but_the_store_stays_constant()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("Blend_carries_gradient_into_the_batch_means_but_the_store_stays_constant", 1);
        using var store = new CentroidStore(randn(3, 4, dtype: ScalarType.Float64, generator: g), CentroidUpdate.Ema, momentum: 0.5);
        var means = randn(3, 4, dtype: ScalarType.Float64, generator: g).requires_grad_(true);
        var blended = store.Blend(means, ones(3, dtype: ScalarType.Float64));
        blended.sum().backward();
        Assert.True(means.grad!.abs().sum().ToDouble() > 0);
        Assert.False(store.Centroids.requires_grad);
        using var drawn = CentroidStore.FromSamples(randn(10, 4, generator: g), 3, Workbench.Runtime.Seeding.NewGenerator("init", 2));
        Assert.Equal(3, drawn.Count);
        Assert.Throws<ArgumentException>(() => CentroidStore.FromSamples(randn(2, 4, generator: g), 3, Workbench.Runtime.Seeding.NewGenerator("init", 2)));
    }

    [Fact]
    public void Staged_schedule_matches_the_official_scripts()
    {
        var oh = UcdirStageSchedule.OfficeHome;
        var w0 = oh.At(0);
        Assert.False(w0.ClustersActive);
        Assert.Equal((1.0, 0.0, 0.0, 0.0), (w0.InstanceWise, w0.ClusterWise, w0.SelfEntropy, w0.DistanceOfDistance));
        Assert.False(oh.At(19).ClustersActive);
        Assert.True(oh.At(20).ClustersActive);
        Assert.Equal(0.0, oh.At(20).ClusterWise);                  // e ≤ start: start weight
        Assert.Equal(0.5 * 1 / 80, oh.At(21).ClusterWise, 15);
        Assert.Equal(0.5 * 40 / 80, oh.At(60).ClusterWise, 15);
        Assert.Equal(0.5 * 79 / 80, oh.At(99).ClusterWise, 15);
        Assert.Equal(0.0, oh.At(99).SelfEntropy);
        Assert.Equal((0.5, 1.0, 0.5), (oh.At(100).ClusterWise, oh.At(100).SelfEntropy, oh.At(100).DistanceOfDistance));
        Assert.Equal((0.5, 1.0, 0.5), (oh.At(199).ClusterWise, oh.At(199).SelfEntropy, oh.At(199).DistanceOfDistance));

        var dn = UcdirStageSchedule.DomainNet;
        Assert.Equal(1.0 * 40 / 80, dn.At(60).ClusterWise, 15);
        Assert.Equal((1.0, 0.5, 0.1), (dn.At(150).ClusterWise, dn.At(150).SelfEntropy, dn.At(150).DistanceOfDistance));

        var short10 = oh.Scaled(10);                                // 20/100 of 200 → 1/5 of 10
        Assert.Equal((1, 1, 5, 5, 5), (short10.WarmupEpochs, short10.ClusterWiseStartEpoch, short10.ClusterWiseSaturationEpoch,
            short10.SelfEntropyStartEpoch, short10.DistanceOfDistanceStartEpoch));
        Assert.Equal(0.5 * 2 / 4, short10.At(3).ClusterWise, 15);
        Assert.True(short10.At(5).SelfEntropyActive && !short10.At(4).SelfEntropyActive);
        Assert.Throws<ArgumentOutOfRangeException>(() => oh.At(-1));
        Assert.Throws<ArgumentException>(() => (oh with { ClusterWiseSaturationEpoch = 20 }).At(30));
    }
}
