using Workbench.Losses.MetricLearning;

namespace Workbench.Tests.Losses.MetricLearning;

public class LiftedStructuredLossTests
{
    public static TheoryData<ScalarType> Dtypes => LossTestData.DtypeData;

    /// <summary>TF contrib lifted_struct_loss written as a loop (plain log of sums in double).</summary>
    private static double Brute(double[,] x, long[] y, double margin, double positiveMargin = 0)
    {
        int m = y.Length;
        double total = 0;
        int pairs = 0;
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++)
            {
                if (y[i] != y[j]) continue;
                pairs++;
                double s = 0;
                for (int k = 0; k < m; k++)
                {
                    if (y[k] != y[i]) s += Math.Exp(margin - LossTestData.Distance(x, i, k));
                    if (y[k] != y[j]) s += Math.Exp(margin - LossTestData.Distance(x, j, k));
                }
                if (s == 0) continue; // no negatives at all: J = −∞, term 0
                double jij = Math.Log(s) + LossTestData.Distance(x, i, j) - positiveMargin;
                total += Math.Pow(Math.Max(0, jij), 2);
            }
        return total / (2.0 * pairs);
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Tf_lifted_loss_matches_a_brute_force_loop(ScalarType dtype)
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var (x, y) = LossTestData.Batch(seed, 12, 4, 4);
            using var tx = LossTestData.Tensor(x, dtype);
            using var labels = torch.tensor(y);
            using var loss = new LiftedStructuredLoss();
            LossTestData.Close(Brute(x, y, 1.0), LossTestData.Value(loss.forward(tx, labels)), LossTestData.Tolerance(dtype), $"seed {seed}");
        }
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Max_shift_keeps_far_apart_embeddings_finite(ScalarType dtype)
    {
        // Distances in the hundreds: exp(α − D) underflows without the shift (float32 below e^-104).
        var (x, y) = LossTestData.Batch(7, 10, 3, 3, scale: 300);
        using var tx = LossTestData.Tensor(x, dtype, requiresGrad: true);
        using var labels = torch.tensor(y);
        using var loss = new LiftedStructuredLoss();
        using var value = loss.forward(tx, labels);
        value.backward();
        LossTestData.Close(Brute(x, y, 1.0), LossTestData.Value(value), LossTestData.Tolerance(dtype));
        Assert.True(tx.grad!.isfinite().all().item<bool>());
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Pml_convention_normalises_and_subtracts_the_positive_margin(ScalarType dtype)
    {
        var (x, y) = LossTestData.Batch(2, 10, 3, 3);
        using var tx = LossTestData.Tensor(x, dtype);
        using var labels = torch.tensor(y);
        using var loss = LiftedStructuredLoss.PytorchMetricLearning(negativeMargin: 0.8, positiveMargin: 0.1);
        LossTestData.Close(Brute(LossTestData.Normalized(x), y, 0.8, 0.1), LossTestData.Value(loss.forward(tx, labels)), LossTestData.Tolerance(dtype));
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Zero_distances_and_single_class_batches_keep_gradients_finite(ScalarType dtype)
    {
        using var x = torch.tensor(new double[] { 1, 0, 1, 0, 0, 1, 0, 1 }, 4, 2).to(dtype).requires_grad_(true);
        using var two = torch.tensor(new long[] { 0, 0, 1, 1 });
        using var one = torch.tensor(new long[] { 3, 3, 3, 3 });
        using var loss = new LiftedStructuredLoss();
        using (var value = loss.forward(x, two))
        {
            value.backward();
            Assert.True(LossTestData.Value(value) > 0);
            Assert.True(x.grad!.isfinite().all().item<bool>());
        }
        x.grad!.zero_();
        using (var value = loss.forward(x, one))
        {
            value.backward();
            Assert.Equal(0.0, LossTestData.Value(value));
            Assert.True(x.grad!.eq(0).all().item<bool>());
        }
    }
}
