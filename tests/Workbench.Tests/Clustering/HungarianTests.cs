using Workbench.Clustering;

namespace Workbench.Tests.Clustering;

public class HungarianTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Square_matches_brute_force_enumeration(int n)
    {
        var rng = new Random(100 + n);
        for (int trial = 0; trial < 20; trial++)
        {
            var cost = RandomMatrix(rng, n, n, integer: trial % 2 == 0);
            int[] assignment = Hungarian.Solve(cost);
            Assert.True(TransportPermutation.IsPermutation(assignment));
            double best = BruteForce(cost, maximize: false);
            Assert.Equal(best, Hungarian.TotalCost(cost, assignment), 9);
            double bestMax = BruteForce(cost, maximize: true);
            Assert.Equal(bestMax, Hungarian.TotalCost(cost, Hungarian.Solve(cost, maximize: true)), 9);
        }
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(3, 6)]
    [InlineData(6, 3)]
    [InlineData(5, 2)]
    public void Rectangular_matches_brute_force_and_leaves_extra_rows_unassigned(int rows, int cols)
    {
        var rng = new Random(rows * 10 + cols);
        for (int trial = 0; trial < 20; trial++)
        {
            var cost = RandomMatrix(rng, rows, cols, integer: false);
            int[] assignment = Hungarian.Solve(cost);
            Assert.Equal(rows, assignment.Length);
            var used = assignment.Where(j => j >= 0).ToArray();
            Assert.Equal(Math.Min(rows, cols), used.Length);
            Assert.Equal(used.Length, used.Distinct().Count());
            Assert.Equal(BruteForce(cost, maximize: false), Hungarian.TotalCost(cost, assignment), 9);
        }
    }

    [Fact]
    public void Hand_case_ties_and_tensor_input_agree()
    {
        // Classic 3 × 3 example: optimum 5 (row0→col1, row1→col0, row2→col2).
        var cost = new double[,] { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } };
        Assert.Equal(new[] { 1, 0, 2 }, Hungarian.Solve(cost));
        using var t32 = tensor(new float[] { 4, 1, 3, 2, 0, 5, 3, 2, 2 }).reshape(3, 3);
        Assert.Equal(new[] { 1, 0, 2 }, Hungarian.Solve(t32));
        // All-equal costs: any permutation is optimal; the answer must still be a permutation and stable.
        var flat = new double[4, 4];
        int[] first = Hungarian.Solve(flat);
        Assert.True(TransportPermutation.IsPermutation(first));
        Assert.Equal(first, Hungarian.Solve(flat));
        Assert.Empty(Hungarian.Solve(new double[0, 0]));
    }

    [Fact]
    public void Non_finite_costs_and_bad_tensors_are_rejected_clearly()
    {
        var e = Assert.Throws<ArgumentException>(() => Hungarian.Solve(new double[,] { { 0, double.NaN }, { 1, 2 } }));
        Assert.Contains("(0, 1)", e.Message);
        Assert.Throws<ArgumentException>(() => Hungarian.Solve(new double[,] { { 0, double.PositiveInfinity } }));
        using var v = zeros(3);
        Assert.Throws<ArgumentException>(() => Hungarian.Solve(v));
        using var i = zeros(2, 2, dtype: ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => Hungarian.Solve(i));
    }

    internal static double[,] RandomMatrix(Random rng, int rows, int cols, bool integer)
    {
        var m = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                m[i, j] = integer ? rng.Next(0, 4) : rng.NextDouble() * 10 - 5;
        return m;
    }

    /// <summary>Best total over every injective map of the smaller side into the larger.</summary>
    private static double BruteForce(double[,] cost, bool maximize)
    {
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        bool transpose = rows > cols;
        int n = transpose ? cols : rows, m = transpose ? rows : cols;
        double C(int i, int j) => transpose ? cost[j, i] : cost[i, j];
        double best = maximize ? double.NegativeInfinity : double.PositiveInfinity;
        var used = new bool[m];
        void Recurse(int i, double acc)
        {
            if (i == n)
            {
                best = maximize ? Math.Max(best, acc) : Math.Min(best, acc);
                return;
            }
            for (int j = 0; j < m; j++)
            {
                if (used[j]) continue;
                used[j] = true;
                Recurse(i + 1, acc + C(i, j));
                used[j] = false;
            }
        }
        Recurse(0, 0);
        return best;
    }
}
