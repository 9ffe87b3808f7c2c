using Workbench.Losses.Miners;

namespace Workbench.Tests.Losses.Miners;

public class MinerTests
{
    private static (long A, long P, long N)[] Triplets(TripletIndices t) =>
        Enumerable.Range(0, (int)t.Count).Select(k => (t.Anchors[k].item<long>(), t.Positives[k].item<long>(), t.Negatives[k].item<long>())).ToArray();

    private static double[,] SquaredMatrix(double[,] x)
    {
        int m = x.GetLength(0);
        var d = new double[m, m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) d[i, j] = i == j ? 0 : LossTestData.SquaredDistance(x, i, j);
        return d;
    }

    private static Tensor MatrixTensor(double[,] d)
    {
        int m = d.GetLength(0);
        var flat = new double[m * m];
        Buffer.BlockCopy(d, 0, flat, 0, flat.Length * sizeof(double));
        return torch.tensor(flat, m, m);
    }

    /// <summary>TF contrib's rule, written as a loop.</summary>
    private static List<(long, long, long)> BruteSemiHard(double[,] d, long[] y)
    {
        int m = y.Length;
        var result = new List<(long, long, long)>();
        for (int a = 0; a < m; a++)
            for (int p = 0; p < m; p++)
            {
                if (a == p || y[a] != y[p]) continue;
                int outside = -1, largest = -1;
                for (int n = 0; n < m; n++)
                {
                    if (y[n] == y[a]) continue;
                    if (d[a, n] > d[a, p] && (outside < 0 || d[a, n] < d[a, outside])) outside = n;
                    if (largest < 0 || d[a, n] > d[a, largest]) largest = n;
                }
                result.Add((a, p, outside >= 0 ? outside : largest >= 0 ? largest : a));
            }
        return result;
    }

    [Fact]
    public void Semi_hard_miner_matches_the_tf_rule_written_as_a_loop()
    {
        for (int seed = 0; seed < 10; seed++)
        {
            var (x, y) = LossTestData.Batch(seed, 12, 3, 4);
            var d = SquaredMatrix(x);
            using var td = MatrixTensor(d);
            using var labels = torch.tensor(y);
            using var mined = new SemiHardNegativeMiner().Mine(td, labels);
            Assert.Equal(BruteSemiHard(d, y), Triplets(mined).Select(t => (t.A, t.P, t.N)).ToList());
        }
    }

    [Fact]
    public void Semi_hard_miner_falls_back_to_the_largest_negative_and_to_the_anchor_without_negatives()
    {
        // 1-D: anchor 0 at 0, positive 1 at 0.5; negatives 2 at 0.2 and 3 at 0.3 are both closer → largest (3).
        var d = SquaredMatrix(new double[,] { { 0 }, { 0.5 }, { 0.2 }, { 0.3 } });
        using var td = MatrixTensor(d);
        using var labels = torch.tensor(new long[] { 5, 5, 6, 6 });
        using var mined = new SemiHardNegativeMiner().Mine(td, labels);
        var triplets = Triplets(mined);
        Assert.Contains((0L, 1L, 3L), triplets);
        // Pair (1, 0): D²_10 = 0.25; negatives at D² 0.09 and 0.04 from item 1 → none farther → largest = item 2.
        Assert.Contains((1L, 0L, 2L), triplets);

        using var single = torch.tensor(new long[] { 1, 1, 1, 1 });
        using var alone = new SemiHardNegativeMiner().Mine(td, single);
        Assert.All(Triplets(alone), t => Assert.Equal(t.A, t.N));
        Assert.Equal(12, alone.Count);
    }

    [Theory]
    [InlineData(TripletMarginType.All)]
    [InlineData(TripletMarginType.Hard)]
    [InlineData(TripletMarginType.SemiHard)]
    [InlineData(TripletMarginType.Easy)]
    public void Triplet_margin_miner_matches_pml_conditions(TripletMarginType type)
    {
        const double margin = 0.3;
        var (x, y) = LossTestData.Batch(4, 10, 2, 3);
        int m = y.Length;
        var d = new double[m, m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) d[i, j] = LossTestData.Distance(x, i, j);
        using var td = MatrixTensor(d);
        using var labels = torch.tensor(y);
        using var mined = new TripletMarginMiner(margin, type).Mine(td, labels);
        var expected = new List<(long, long, long)>();
        for (int a = 0; a < m; a++)
            for (int p = 0; p < m; p++)
                for (int n = 0; n < m; n++)
                {
                    if (a == p || y[a] != y[p] || y[n] == y[a]) continue;
                    double t = d[a, n] - d[a, p];
                    bool keep = type switch
                    {
                        TripletMarginType.Easy => t > margin,
                        TripletMarginType.Hard => t <= margin && t <= 0,
                        TripletMarginType.SemiHard => t <= margin && t > 0,
                        _ => t <= margin,
                    };
                    if (keep) expected.Add((a, p, n));
                }
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Triplets(mined).Select(t => (t.A, t.P, t.N)).ToList());
    }

    [Fact]
    public void All_triplets_miner_enumerates_every_valid_triplet()
    {
        long[] y = [0, 0, 1, 1, 1, 2];
        using var td = torch.zeros(6, 6);
        using var labels = torch.tensor(y);
        using var mined = new AllTripletsMiner().Mine(td, labels);
        // class 0: 2 ordered pairs × 4 negatives; class 1: 6 × 3; class 2: none.
        Assert.Equal(2 * 4 + 6 * 3, mined.Count);
        Assert.All(Triplets(mined), t => Assert.True(y[t.A] == y[t.P] && t.A != t.P && y[t.N] != y[t.A]));
    }

    [Fact]
    public void Mismatched_labels_are_rejected()
    {
        using var td = torch.zeros(3, 3);
        using var labels = torch.tensor(new long[] { 0, 1 });
        var e = Assert.Throws<ArgumentException>(() => new SemiHardNegativeMiner().Mine(td, labels));
        Assert.Contains("2 entries", e.Message);
    }
}
