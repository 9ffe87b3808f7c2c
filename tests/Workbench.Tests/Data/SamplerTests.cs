using Workbench.Data.Samplers;

namespace Workbench.Tests.Data;

public class SamplerTests
{
    [Fact]
    public void Shuffled_sampler_visits_every_index_once_per_epoch()
    {
        var s = new ShuffledBatchSampler(103, 10, seed: 1, dropLast: false);
        var e0 = s.Batches(0).ToList();
        Assert.Equal(11, e0.Count);
        Assert.Equal(Enumerable.Range(0, 103), e0.SelectMany(b => b).Order());
        Assert.Equal(e0, new ShuffledBatchSampler(103, 10, 1, dropLast: false).Batches(0).ToList());
        Assert.NotEqual(e0[0], s.Batches(1).First());
        var dropped = new ShuffledBatchSampler(103, 10, 1).Batches(0).ToList();
        Assert.Equal(10, dropped.Count);
        Assert.All(dropped, b => Assert.Equal(10, b.Length));
        Assert.Equal(Enumerable.Range(0, 10), new ShuffledBatchSampler(103, 10, 1, shuffle: false).Batches(0).First());
        Assert.Throws<ArgumentException>(() => new ShuffledBatchSampler(5, 10, 1));
    }

    [Theory]
    [InlineData(128, 0.25, 32, 4)]
    [InlineData(128, 0.5, 64, 2)]
    [InlineData(128, 0.75, 96, 2)]
    [InlineData(30, 0.2, 6, 5)]
    public void Class_balanced_batches_have_C_classes_spread_evenly(int m, double ratio, int c, int maxPer)
    {
        // 120 classes with 3..12 images each.
        var labels = Enumerable.Range(0, 120).SelectMany(k => Enumerable.Repeat((long)k, 3 + k % 10)).ToArray();
        var s = new ClassBalancedBatchSampler(labels, m, ratio, seed: 2);
        Assert.Equal((c, maxPer), (s.ClassesPerBatch, s.MaxPerClass));
        var expected = s.PerClassCounts().OrderDescending().ToArray();
        Assert.Equal(m, expected.Sum());
        Assert.True(expected.Max() - expected.Min() <= 1, "as even as possible");
        var seen = new HashSet<long>();
        foreach (var batch in s.Batches(0))
        {
            Assert.Equal(m, batch.Length);
            Assert.Equal(m, batch.Distinct().Count());
            var perClass = batch.GroupBy(i => labels[i]).Select(g => g.Count()).OrderDescending().ToArray();
            Assert.Equal(expected, perClass);
            foreach (var i in batch) seen.Add(labels[i]);
        }
        int eligible = Enumerable.Range(0, 120).Count(k => 3 + k % 10 >= maxPer);
        Assert.Equal(eligible, s.EligibleClasses);
        if (s.BatchesPerEpoch * c >= eligible) Assert.Equal(eligible, seen.Count); // every eligible class appears within the epoch
        Assert.Equal(s.Batches(0).ToList(), new ClassBalancedBatchSampler(labels, m, ratio, 2).Batches(0).ToList());
    }

    [Fact]
    public void Class_balanced_sampler_explains_classes_that_are_too_small()
    {
        var labels = Enumerable.Range(0, 10).SelectMany(k => Enumerable.Repeat((long)k, 3)).ToArray();
        var e = Assert.Throws<ArgumentException>(() => new ClassBalancedBatchSampler(labels, 16, 0.25, 1));
        Assert.Contains("C = 4 classes with at least 4 images", e.Message);
        Assert.Contains("only 0 of the 10 classes", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassBalancedBatchSampler(labels, 16, 0, 1));
    }

    [Fact]
    public void Paired_domains_cover_the_smaller_domain_and_fill_at_random()
    {
        var s = new PairedDomainSampler(100, 37, 16, seed: 3);
        Assert.Equal((100, 6), (s.Length, s.BatchesPerEpoch));
        var batches = s.Batches(0).ToList();
        Assert.Equal(6, batches.Count);
        var a = batches.SelectMany(b => b.A).ToArray();
        var b = batches.SelectMany(b => b.B).ToArray();
        Assert.Equal(96, a.Distinct().Count());                // a permutation of the larger domain (minus the dropped tail)
        Assert.All(b, i => Assert.InRange(i, 0, 36));
        var all = new PairedDomainSampler(100, 37, 1, seed: 3).Batches(0).SelectMany(p => p.B).ToArray();
        Assert.Equal(37, all.Distinct().Count());              // without drop_last every B image appears
        Assert.Equal(batches.Select(p => p.B), new PairedDomainSampler(100, 37, 16, 3).Batches(0).Select(p => p.B));
        Assert.NotEqual(batches[0].B, s.Batches(1).First().B);
        Assert.Throws<ArgumentException>(() => new PairedDomainSampler(10, 5, 16, 1));
    }
}
