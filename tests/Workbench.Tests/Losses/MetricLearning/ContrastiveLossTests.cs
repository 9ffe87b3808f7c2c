using Workbench.Losses.MetricLearning;

namespace Workbench.Tests.Losses.MetricLearning;

public class ContrastiveLossTests
{
    public static TheoryData<ScalarType> Dtypes => LossTestData.DtypeData;

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Tf_pairs_match_a_brute_force_loop(ScalarType dtype)
    {
        var (a, _) = LossTestData.Batch(1, 9, 4, 3, scale: 0.5);
        var (b, _) = LossTestData.Batch(2, 9, 4, 3, scale: 0.5);
        long[] same = [1, 0, 1, 1, 0, 0, 1, 0, 0];
        double expected = 0;
        for (int p = 0; p < 9; p++)
        {
            double d = 0;
            for (int k = 0; k < 4; k++) d += (a[p, k] - b[p, k]) * (a[p, k] - b[p, k]);
            d = Math.Sqrt(d);
            expected += same[p] == 1 ? d * d : Math.Pow(Math.Max(0, 1.0 - d), 2);
        }
        expected /= 9;
        using var ta = LossTestData.Tensor(a, dtype);
        using var tb = LossTestData.Tensor(b, dtype);
        using var y = torch.tensor(same);
        using var loss = new ContrastiveLoss();
        LossTestData.Close(expected, LossTestData.Value(loss.Compute(ta, tb, y)), LossTestData.Tolerance(dtype));
        using var yb = y.to(ScalarType.Bool);
        LossTestData.Close(expected, LossTestData.Value(loss.Compute(ta, tb, yb)), LossTestData.Tolerance(dtype));
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Batch_form_and_pml_convention_match_brute_force_loops(ScalarType dtype)
    {
        var (x, y) = LossTestData.Batch(5, 10, 3, 3, scale: 0.6);
        int m = y.Length;
        var xn = LossTestData.Normalized(x);
        double tf = 0, posSum = 0, negSum = 0;
        int pairs = 0, posCount = 0, negCount = 0;
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++)
            {
                double d = LossTestData.Distance(x, i, j);
                tf += y[i] == y[j] ? d * d : Math.Pow(Math.Max(0, 1 - d), 2);
                pairs++;
                double dn = LossTestData.Distance(xn, i, j);
                if (y[i] == y[j]) { if (dn > 0) { posSum += dn; posCount++; } }
                else if (1 - dn > 0) { negSum += 1 - dn; negCount++; }
            }
        using var tx = LossTestData.Tensor(x, dtype);
        using var labels = torch.tensor(y);
        using var loss = new ContrastiveLoss();
        LossTestData.Close(tf / pairs, LossTestData.Value(loss.forward(tx, labels)), LossTestData.Tolerance(dtype), "tf");
        using var pml = ContrastiveLoss.PytorchMetricLearning();
        double expected = (posCount == 0 ? 0 : posSum / posCount) + (negCount == 0 ? 0 : negSum / negCount);
        Assert.True(negCount > 0 && posCount > 0);
        LossTestData.Close(expected, LossTestData.Value(pml.forward(tx, labels)), LossTestData.Tolerance(dtype), "pml");
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Gradients_are_finite_at_zero_distances(ScalarType dtype)
    {
        using var x = torch.tensor(new double[] { 1, 0, 1, 0, 1, 0, 0, 1 }, 4, 2).to(dtype).requires_grad_(true);
        using var labels = torch.tensor(new long[] { 0, 0, 1, 1 });
        foreach (var loss in new[] { new ContrastiveLoss(), ContrastiveLoss.PytorchMetricLearning() })
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
    public void Bad_input_is_rejected()
    {
        using var a = torch.zeros(3, 2);
        using var y = torch.tensor(new long[] { 0, 2, 1 });
        using var loss = new ContrastiveLoss();
        var e = Assert.Throws<ArgumentException>(() => loss.Compute(a, a, y));
        Assert.Contains("0 (different class) or 1", e.Message);
        Assert.Throws<ArgumentException>(() => new ContrastiveLoss(new Workbench.Losses.Distances.CosineSimilarity()));
    }
}
