using Workbench.Papers.Ucdir;

namespace Workbench.Tests.Papers.Ucdir;

public class CentroidMatchingViewTests
{
    [Fact]
    public void SeparatedClassesAreMatchedOnTheDiagonal()
    {
        // Three classes, eight images each per domain: class c sits near axis c in A and near axis c + 3 blended with c in B.
        var g = Workbench.Runtime.Seeding.NewGenerator("matching-view", 0);
        int[] labels = Enumerable.Range(0, 24).Select(i => i % 3).ToArray();
        var axes = nn.functional.one_hot(tensor(labels.Select(l => (long)l).ToArray()), 6).to(float32);
        var shifted = nn.functional.one_hot(tensor(labels.Select(l => (long)l + 3).ToArray()), 6).to(float32);
        var a = nn.functional.normalize(axes + 0.05f * randn(24, 6, generator: g), dim: 1);
        var b = nn.functional.normalize(axes + 0.5f * shifted + 0.05f * randn(24, 6, generator: g), dim: 1);

        using var view = CentroidMatchingView.Compute(a, labels, b, labels, clusters: 3);

        Assert.Equal([0, 1, 2], view.MajorityA);
        Assert.Equal([0, 1, 2], view.MajorityB);
        Assert.Equal([0, 1, 2], view.Permutation);
        Assert.Equal(3, view.Agreement);
        Assert.Equal(new long[] { 3, 3 }, view.Plan.shape);
        Assert.True(view.Plan.diagonal().sum().ToDouble() > 0.9, $"diagonal mass {view.Plan.diagonal().sum().ToDouble()}");
        Assert.Equal(1.0, view.Plan.sum().ToDouble(), 4);
    }
}
