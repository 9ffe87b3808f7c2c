using Workbench.Losses.MetricLearning;
using Workbench.Papers.FacilityLocation;
using Workbench.Training.Validation;

namespace Workbench.Tests.Papers.FacilityLocation;

public sealed class BatchCompositionTests
{
    // 31 classes x 20 images, like the fonts training split in miniature.
    private static readonly long[] Labels = Enumerable.Range(0, 31 * 20).Select(i => (long)(i % 31)).ToArray();

    [Theory]
    [InlineData(0.25, 10, new[] { 4 })]
    [InlineData(0.5, 20, new[] { 2 })]
    [InlineData(0.75, 30, new[] { 2, 1 })]
    public void EveryBatchHasCDistinctClassesSpreadEvenly(double ratio, int classes, int[] sizes)
    {
        var sampler = BatchComposition.CreateSampler(Labels, MetricLossCatalog.FacilityLocation, ratio, 40, seed: 3);
        Assert.Equal(classes, sampler.ClassesPerBatch);
        foreach (var batch in sampler.Batches(0).Take(10))
        {
            Assert.Equal(40, batch.Length);
            Assert.Equal(batch.Length, batch.Distinct().Count());
            var perClass = batch.GroupBy(i => Labels[i]).Select(g => g.Count()).ToList();
            Assert.Equal(classes, perClass.Count);
            Assert.Equal(sizes.OrderBy(s => s), perClass.Distinct().OrderBy(s => s));
            if (ratio == 0.75) Assert.Equal(10, perClass.Count(c => c == 2)); // 40 = 10·2 + 20·1
        }
    }

    [Fact]
    public void NPairsGetsExactlyTwoImagesPerClass()
    {
        var sampler = BatchComposition.CreateSampler(Labels, MetricLossCatalog.NPairMc, 0.5, 40, seed: 1);
        foreach (var batch in sampler.Batches(2).Take(10))
        {
            Assert.All(batch.GroupBy(i => Labels[i]), g => Assert.Equal(2, g.Count()));
        }
    }

    [Fact]
    public void SameSeedSameBatches()
    {
        var a = BatchComposition.CreateSampler(Labels, MetricLossCatalog.TripletSemiHard, 0.25, 40, 7).Batches(1).Take(3).SelectMany(b => b);
        var b = BatchComposition.CreateSampler(Labels, MetricLossCatalog.TripletSemiHard, 0.25, 40, 7).Batches(1).Take(3).SelectMany(b => b);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("facility-location", 1.0, 40, 31, "no batch has a positive pair")]
    [InlineData("facility-location", 0.99, 40, 31, "fewer than 2 images per class")]
    [InlineData("triplet-semihard", 0.02, 40, 31, "at least 2 classes")]
    [InlineData("npair-mc", 0.25, 40, 31, "exactly two images per class")]
    [InlineData("npair-mc", 0.5, 41, 31, "exactly two images per class")]
    [InlineData("lifted-structured", 0.75, 48, 31, "only 31")]
    [InlineData("contrastive", 0.5, 1, 31, "at least 2")]
    public void InvalidCompositionsAreRejectedWithAReason(string loss, double ratio, int m, int trainClasses, string expected)
    {
        var errors = new ConfigErrors();
        BatchComposition.Validate(loss, ratio, m, trainClasses, errors);
        var error = Assert.Single(errors.Errors);
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("facility-location", 0.25)]
    [InlineData("facility-location", 0.5)]
    [InlineData("facility-location", 0.75)]
    [InlineData("npair-mc", 0.5)]
    public void ThePapersRatiosAreValidOnTheFontsSplit(string loss, double ratio)
    {
        var errors = new ConfigErrors();
        BatchComposition.Validate(loss, ratio, 40, 31, errors);
        Assert.Empty(errors.Errors);
    }

    [Fact]
    public void TooFewClassesInTheDataFailsBeforeSampling()
    {
        var five = Enumerable.Range(0, 100).Select(i => (long)(i % 5)).ToArray();
        var e = Assert.Throws<ArgumentException>(() => BatchComposition.CreateSampler(five, MetricLossCatalog.FacilityLocation, 0.5, 40, 0));
        Assert.Contains("only 5", e.Message);
    }
}
