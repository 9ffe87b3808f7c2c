using Workbench.Clustering;

namespace Workbench.Tests.Clustering;

public class TransportPermutationTests
{
    [Fact]
    public void Hungarian_maximises_plan_mass_where_row_argmax_collides()
    {
        // Row argmax sends both rows to column 0; the best permutation is (0→1, 1→0): 0.4 + 0.35 > 0.45 + 0.05.
        using var plan = tensor(new double[] { 0.45, 0.40, 0.35, 0.05 }).reshape(2, 2);
        Assert.Equal(new[] { 0, 0 }, TransportPermutation.FromPlan(plan, PermutationMethod.RowArgmax));
        Assert.False(TransportPermutation.IsPermutation(TransportPermutation.FromPlan(plan, PermutationMethod.RowArgmax)));
        Assert.Equal(new[] { 1, 0 }, TransportPermutation.FromPlan(plan));
    }

    [Fact]
    public void Plan_must_be_two_dimensional_and_permutation_check_is_strict()
    {
        using var v = ones(4);
        Assert.Throws<ArgumentException>(() => TransportPermutation.FromPlan(v));
        Assert.True(TransportPermutation.IsPermutation(new[] { 2, 0, 1 }));
        Assert.False(TransportPermutation.IsPermutation(new[] { 2, 0, 3 }));
        Assert.False(TransportPermutation.IsPermutation(new[] { -1, 0 }));
    }
}
