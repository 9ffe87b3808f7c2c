using Workbench.Clustering;

namespace Workbench.Tests.Clustering;

public class NmiTests
{
    [Fact]
    public void Worked_example_by_hand()
    {
        // a = {0,0,0 | 1,1,1}, b = {0,0 | 1,1 | 2,2}: I = (2/3) ln 2, H(a) = ln 2, H(b) = ln 3.
        int[] a = [0, 0, 0, 1, 1, 1];
        int[] b = [0, 0, 1, 1, 2, 2];
        Assert.Equal(0.5295405780575617, Nmi.Compute(a, b), 12);
        Assert.Equal(0.5158037429793888, Nmi.Compute(a, b, NmiNormalization.Arithmetic), 12);
    }

    [Fact]
    public void Identical_partitions_give_one_and_labels_do_not_matter()
    {
        int[] a = [3, 3, 7, 7, 7, 9];
        int[] renamed = [1, 1, 0, 0, 0, 5];
        Assert.Equal(1.0, Nmi.Compute(a, a), 12);
        Assert.Equal(1.0, Nmi.Compute(a, renamed), 12);
    }

    [Fact]
    public void Is_symmetric_and_invariant_to_item_permutation()
    {
        var rng = new Random(3);
        int[] a = Enumerable.Range(0, 200).Select(_ => rng.Next(5)).ToArray();
        int[] b = Enumerable.Range(0, 200).Select(_ => rng.Next(7)).ToArray();
        int[] perm = Enumerable.Range(0, 200).OrderBy(_ => rng.Next()).ToArray();
        double nmi = Nmi.Compute(a, b);
        Assert.Equal(nmi, Nmi.Compute(b, a), 12);
        Assert.Equal(nmi, Nmi.Compute(perm.Select(i => a[i]).ToArray(), perm.Select(i => b[i]).ToArray()), 12);
    }

    [Fact]
    public void Matches_a_brute_force_probability_formula()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 5 + rng.Next(60);
            int[] a = Enumerable.Range(0, n).Select(_ => rng.Next(1 + rng.Next(6))).ToArray();
            int[] b = Enumerable.Range(0, n).Select(_ => rng.Next(1 + rng.Next(6))).ToArray();
            Assert.Equal(BruteForce(a, b), Nmi.Compute(a, b), 10);
        }
    }

    [Fact]
    public void Edge_cases_follow_scikit_learn()
    {
        Assert.Equal(1.0, Nmi.Compute([4, 4, 4], [1, 1, 1]));       // both one cluster
        Assert.Equal(0.0, Nmi.Compute([0, 0, 0, 0], [0, 1, 2, 3])); // one side has one cluster: I = 0
        Assert.Equal(1.0, Nmi.Compute([0, 1, 2, 3], [3, 2, 1, 0])); // singletons on both sides
        Assert.Equal(1.0, Nmi.Compute(ReadOnlySpan<int>.Empty, ReadOnlySpan<int>.Empty));
        Assert.Throws<ArgumentException>(() => Nmi.Compute([0, 1], [0]));
        // Found by the facility-location tests: rounding made I > 0 and H < 0, giving NaN.
        for (int n = 2; n < 40; n++)
        {
            for (int split = 1; split < n; split++)
            {
                int[] a = Enumerable.Range(0, n).Select(i => i < split ? 0 : 1).ToArray();
                int[] single = new int[n];
                Assert.Equal(0.0, Nmi.Compute(a, single));
                Assert.Equal(0.0, Nmi.Compute(single, a));
            }
        }
        Assert.Equal(0.0, Nmi.FromEntropies(1e-17, 0.7, -1e-17));
        Assert.Equal(0.0, Nmi.FromEntropies(-1e-17, 0.7, 0.7));
        Assert.Throws<ArgumentException>(() => Nmi.FromCounts([1, -1, 0, 2], 2, 2));
    }

    [Fact]
    public void Counts_with_known_marginals_agree_with_the_table_form()
    {
        int[] joint = [5, 0, 1, 0, 4, 2];
        Assert.Equal(Nmi.FromCounts(joint, 2, 3), Nmi.FromCounts(joint, [6, 6], [5, 4, 3], 12), 14);
    }

    private static double BruteForce(int[] a, int[] b)
    {
        int n = a.Length;
        double mi = 0, ha = 0, hb = 0;
        foreach (int x in a.Distinct())
        {
            double px = a.Count(v => v == x) / (double)n;
            ha -= px * Math.Log(px);
            foreach (int y in b.Distinct())
            {
                double py = b.Count(v => v == y) / (double)n;
                double pxy = Enumerable.Range(0, n).Count(i => a[i] == x && b[i] == y) / (double)n;
                if (pxy > 0) mi += pxy * Math.Log(pxy / (px * py));
            }
        }
        foreach (int y in b.Distinct())
        {
            double py = b.Count(v => v == y) / (double)n;
            hb -= py * Math.Log(py);
        }
        if (ha == 0 && hb == 0) return 1.0;
        if (mi <= 1e-15) return 0.0;
        return mi / Math.Sqrt(ha * hb);
    }
}
