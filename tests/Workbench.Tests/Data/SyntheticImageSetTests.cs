using Workbench.Data;
using Workbench.Data.Synthetic;

namespace Workbench.Tests.Data;

public class SyntheticImageSetTests
{
    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        var o = new SyntheticOptions(Classes: 5, Domains: 3, PerClassPerDomain: 4, Size: 16, Seed: 7);
        using var a = SyntheticImageSet.Generate(o);
        using var b = SyntheticImageSet.Generate(o);
        using var c = SyntheticImageSet.Generate(o with { Seed = 8 });
        Assert.True(a.Images.eq(b.Images).all().item<bool>());
        Assert.False(a.Images.eq(c.Images).all().item<bool>());
        Assert.Equal(60, a.Count);
        Assert.Equal(new[] { "solid", "outline", "texture" }, a.DomainNames);
        Assert.Equal(new[] { 12, 12, 12, 12, 12 }, a.ClassCounts());
        Assert.Equal(new[] { 20, 20, 20 }, a.DomainCounts());
        Assert.Equal((3, 16, 16), (a.Channels, a.Height, a.Width));
    }

    [Fact]
    public void Classes_differ_within_a_domain_and_domains_differ_in_style()
    {
        using var ds = SyntheticImageSet.Generate(new SyntheticOptions(Classes: 10, Domains: 4, PerClassPerDomain: 8, Size: 32));
        var x = ds.Images.to_type(ScalarType.Float32);
        // Outline domain: mostly white paper with dark strokes; inverse domain: mostly dark.
        var outline = x.index_select(0, tensor(Enumerable.Range(0, ds.Count).Where(i => ds.Domains[i] == 1).Select(i => (long)i).ToArray()));
        var inverse = x.index_select(0, tensor(Enumerable.Range(0, ds.Count).Where(i => ds.Domains[i] == 3).Select(i => (long)i).ToArray()));
        Assert.True(outline.mean().item<float>() > 200);
        Assert.True(inverse.mean().item<float>() < 120);
        // The solid-domain class means of two different shapes (circle vs plus) differ clearly.
        var circle = x[TensorIndex.Slice(0, 8)].mean([0]);
        var plus = x[TensorIndex.Slice(24, 32)].mean([0]);
        Assert.True((circle - plus).abs().mean().item<float>() > 5);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => SyntheticImageSet.Generate(new SyntheticOptions(Classes: 11)));
        Assert.Throws<ArgumentException>(() => SyntheticImageSet.Generate(new SyntheticOptions(Domains: 0)));
        Assert.Throws<ArgumentException>(() => SyntheticImageSet.Generate(new SyntheticOptions(Size: 4)));
    }
}
