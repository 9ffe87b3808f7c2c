using Workbench.Losses.Miners;
using Workbench.Losses.MetricLearning;

namespace Workbench.Tests.Losses.MetricLearning;

public class TripletLossTests
{
    public static TheoryData<ScalarType> Dtypes => LossTestData.DtypeData;

    /// <summary>TF contrib triplet_semihard_loss as a loop: squared D, semi-hard negative or the largest, mean over ordered positive pairs.</summary>
    private static double BruteTf(double[,] x, long[] y, double margin)
    {
        int m = y.Length;
        double total = 0;
        int pairs = 0;
        for (int a = 0; a < m; a++)
            for (int p = 0; p < m; p++)
            {
                if (a == p || y[a] != y[p]) continue;
                double dap = LossTestData.SquaredDistance(x, a, p);
                double outside = double.PositiveInfinity, largest = double.NegativeInfinity;
                for (int n = 0; n < m; n++)
                {
                    if (y[n] == y[a]) continue;
                    double dan = LossTestData.SquaredDistance(x, a, n);
                    if (dan > dap) outside = Math.Min(outside, dan);
                    largest = Math.Max(largest, dan);
                }
                double neg = !double.IsPositiveInfinity(outside) ? outside : double.IsNegativeInfinity(largest) ? 0 : largest;
                total += Math.Max(0, margin + dap - neg);
                pairs++;
            }
        return total / pairs;
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Tf_semi_hard_loss_matches_a_brute_force_loop(ScalarType dtype)
    {
        for (int seed = 0; seed < 6; seed++)
        {
            var (raw, y) = LossTestData.Batch(seed, 12, 4, 4);
            var x = LossTestData.Normalized(raw);
            using var tx = LossTestData.Tensor(x, dtype);
            using var labels = torch.tensor(y);
            using var loss = new TripletLoss();
            using var value = loss.forward(tx, labels);
            LossTestData.Close(BruteTf(x, y, 1.0), LossTestData.Value(value), LossTestData.Tolerance(dtype), $"seed {seed}");
        }
    }

    [Fact]
    public void Tf_semi_hard_hand_computed_case_uses_the_largest_negative_and_counts_zero_pairs()
    {
        // 1-D, margin 1. Pair (0,1): D²=0.25, negatives D² 0.04, 0.09 → none farther → largest 0.09: 1 + 0.25 − 0.09 = 1.16.
        // Pair (1,0): D²=0.25; from item 1 negatives D² 0.09, 0.04 → largest 0.09: 1.16. Pairs (2,3),(3,2): D²=0.01;
        // from 2 (0.2): items 0, 1 at D² 0.04, 0.09 → semi-hard 0.04: 1 + 0.01 − 0.04 = 0.97;
        // from 3 (0.3): D² 0.09, 0.04 → both > 0.01 → 0.04: 0.97. Mean = (1.16·2 + 0.97·2) / 4 = 1.065.
        using var x = torch.tensor(new double[] { 0, 0.5, 0.2, 0.3 }, 4, 1);
        using var labels = torch.tensor(new long[] { 5, 5, 6, 6 });
        using var loss = new TripletLoss();
        Assert.Equal(1.065, loss.forward(x, labels).item<double>(), 12);
        using var loss3 = new TripletLoss(margin: 0.01);
        // margin 0.01: (0,1): 0.01 + 0.25 − 0.09 = 0.17 twice; (2,3): max(0, 0.01 + 0.01 − 0.04) = 0 twice → 0.34 / 4.
        Assert.Equal(0.085, loss3.forward(x, labels).item<double>(), 12);
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Pml_convention_matches_a_brute_force_loop(ScalarType dtype)
    {
        var (raw, y) = LossTestData.Batch(3, 10, 3, 3);
        var x = LossTestData.Normalized(raw);
        using var tx = LossTestData.Tensor(raw, dtype);
        using var labels = torch.tensor(y);
        foreach (var miner in new ITripletMiner?[] { null, new TripletMarginMiner(0.2, TripletMarginType.SemiHard) })
        {
            using var loss = TripletLoss.PytorchMetricLearning(0.05, miner);
            double sum = 0;
            int nonZero = 0;
            int m = y.Length;
            for (int a = 0; a < m; a++)
                for (int p = 0; p < m; p++)
                    for (int n = 0; n < m; n++)
                    {
                        if (a == p || y[a] != y[p] || y[n] == y[a]) continue;
                        double dap = LossTestData.Distance(x, a, p), dan = LossTestData.Distance(x, a, n);
                        if (miner is not null && !(dan - dap > 0 && dan - dap <= 0.2)) continue;
                        double term = Math.Max(0, dap - dan + 0.05);
                        if (term > 0) { sum += term; nonZero++; }
                    }
            double expected = nonZero == 0 ? 0 : sum / nonZero;
            Assert.True(expected > 0);
            LossTestData.Close(expected, LossTestData.Value(loss.forward(tx, labels)), LossTestData.Tolerance(dtype), miner?.Name ?? "all");
        }
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Gradients_are_finite_at_zero_distances(ScalarType dtype)
    {
        using var x = torch.tensor(new double[] { 1, 0, 1, 0, 0, 1, 0, 1, 1, 0 }, 5, 2).to(dtype).requires_grad_(true);
        using var labels = torch.tensor(new long[] { 0, 0, 1, 1, 1 });
        foreach (var loss in new[] { new TripletLoss(), TripletLoss.PytorchMetricLearning(), new TripletLoss(new Workbench.Losses.Distances.EuclideanDistance()) })
        {
            x.grad?.zero_();
            using var value = loss.forward(x, labels);
            value.backward();
            Assert.True(LossTestData.Value(value) > 0);
            Assert.True(x.grad!.isfinite().all().item<bool>(), loss.Describe());
            loss.Dispose();
        }
    }

    [Fact]
    public void A_batch_without_positive_pairs_gives_zero()
    {
        using var x = torch.tensor(new float[] { 0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f }, 3, 2);
        using var labels = torch.tensor(new long[] { 0, 1, 2 });
        using var loss = new TripletLoss();
        Assert.Equal(0f, loss.forward(x, labels).item<float>());
    }
}
