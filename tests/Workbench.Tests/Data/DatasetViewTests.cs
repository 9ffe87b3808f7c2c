using Workbench.Data;
using Workbench.Data.Synthetic;

namespace Workbench.Tests.Data;

public class DatasetViewTests
{
    private static InMemoryImageDataset Tiny()
    {
        // 6 images of 1x2x2; image i is filled with i; labels 0,1,2,0,1,2; domains 0,0,0,1,1,1.
        var pixels = Enumerable.Range(0, 6).SelectMany(i => Enumerable.Repeat((byte)i, 4)).ToArray();
        using var t = tensor(pixels, [6, 1, 2, 2]);
        return new InMemoryImageDataset("tiny", t, [0, 1, 2, 0, 1, 2], ["a", "b", "c"], [0, 0, 0, 1, 1, 1], ["d0", "d1"]);
    }

    [Fact]
    public void Views_keep_or_remap_ids_and_load_the_right_pixels()
    {
        using var ds = Tiny();
        var d1 = ds.ByDomain("D1");
        Assert.Equal(new long[] { 0, 1, 2 }, d1.Labels);
        Assert.Equal(new[] { 1, 1, 1 }, d1.Domains);
        using (var x = d1.LoadImages([2])) Assert.Equal(5, x[0, 0, 0, 0].item<byte>());
        var bc = ds.ByClasses([2, 1]);
        Assert.Equal(new[] { "c", "b" }, bc.ClassNames);
        Assert.Equal(new long[] { 1, 0, 1, 0 }, bc.Labels);
        var kept = ds.ByClasses([2], relabel: false);
        Assert.Equal(new long[] { 2, 2 }, kept.Labels);
        Assert.Equal(3, kept.ClassNames.Count);
        var nested = bc.Subset([3, 0]);
        using (var x = nested.LoadImages([0, 1])) Assert.Equal(new byte[] { 5, 1 }, new[] { x[0, 0, 1, 1].item<byte>(), x[1, 0, 1, 1].item<byte>() });
        Assert.Throws<ArgumentException>(() => ds.ByDomain("d9"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.LoadImages([6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.Subset([7]));
    }

    [Fact]
    public void Float_batches_are_in_unit_range_and_materialize_copies_views()
    {
        using var ds = Tiny();
        using var f = ds.LoadFloat([5, 0]);
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal(5 / 255f, f[0, 0, 0, 0].item<float>(), 6);
        using var m = ds.ByDomain(1).Materialize();
        Assert.Equal(3, m.Count);
        Assert.Equal(new long[] { 3, 1, 2, 2 }, m.Images.shape);
        Assert.Equal(new[] { 2, 2, 2 }, ds.ClassCounts());
        Assert.Equal(new[] { 3, 3 }, ds.DomainCounts());
    }

    [Fact]
    public void Bad_labels_and_domains_are_rejected()
    {
        using var t = zeros([2, 1, 2, 2], ScalarType.Byte);
        Assert.Contains("label 5", Assert.Throws<ArgumentException>(() => new InMemoryImageDataset("x", t, [0, 5], ["a", "b"])).Message);
        Assert.Contains("2 labels for", Assert.Throws<ArgumentException>(() => new InMemoryImageDataset("x", zeros([3, 1, 2, 2], ScalarType.Byte), [0, 1], ["a", "b"])).Message);
        Assert.Throws<ArgumentException>(() => new InMemoryImageDataset("x", zeros([2, 1, 2, 2]), [0, 1], ["a", "b"]));
        Assert.Throws<ArgumentException>(() => new InMemoryImageDataset("x", t, [0, 1], ["a", "b"], [0, 2], ["d"]));
    }

    [Fact]
    public void Stratified_split_is_seeded_and_proportional_per_class()
    {
        using var ds = SyntheticImageSet.Generate(new SyntheticOptions(Classes: 4, Domains: 1, PerClassPerDomain: 20, Size: 8));
        var (db, q) = ds.SplitStratified(0.25, seed: 3);
        Assert.Equal(60, db.Count);
        Assert.All(q.ClassCounts(), c => Assert.Equal(5, c));
        var (_, q2) = ds.SplitStratified(0.25, seed: 3);
        Assert.Equal(q.SourceIndices, q2.SourceIndices);
        var (_, q3) = ds.SplitStratified(0.25, seed: 4);
        Assert.NotEqual(q.SourceIndices, q3.SourceIndices);
        Assert.Empty(db.SourceIndices.Intersect(q.SourceIndices));
    }
}
