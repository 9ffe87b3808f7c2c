using Workbench.Losses.MetricLearning;

namespace Workbench.Tests.Losses.MetricLearning;

public class NPairMcLossTests
{
    public static TheoryData<ScalarType> Dtypes => LossTestData.DtypeData;

    /// <summary>TF contrib npairs_loss as a loop: dot-product logits, soft targets, mean CE, + 0.25·λ·(mean‖a‖² + mean‖p‖²).</summary>
    private static double Brute(double[,] a, double[,] p, long[] y, double lambda)
    {
        int n = y.Length;
        double ce = 0, na = 0, np = 0;
        for (int i = 0; i < n; i++)
        {
            var logits = Enumerable.Range(0, n).Select(j => LossTestData.Dot(a, i, p, j)).ToArray();
            double max = logits.Max();
            double logZ = max + Math.Log(logits.Sum(l => Math.Exp(l - max)));
            int same = y.Count(v => v == y[i]);
            for (int j = 0; j < n; j++) if (y[j] == y[i]) ce -= (logits[j] - logZ) / same;
            na += LossTestData.Dot(a, i, a, i);
            np += LossTestData.Dot(p, i, p, i);
        }
        return ce / n + 0.25 * lambda * (na / n + np / n);
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Tf_npairs_matches_a_brute_force_loop_with_repeated_classes(ScalarType dtype)
    {
        var (a, _) = LossTestData.Batch(1, 6, 4, 3, scale: 2);
        var (p, _) = LossTestData.Batch(2, 6, 4, 3, scale: 2);
        long[] y = [4, 1, 4, 2, 9, 1];
        using var ta = LossTestData.Tensor(a, dtype);
        using var tp = LossTestData.Tensor(p, dtype);
        using var labels = torch.tensor(y);
        using var loss = new NPairMcLoss();
        LossTestData.Close(Brute(a, p, y, 0.002), LossTestData.Value(loss.Compute(ta, tp, labels)), LossTestData.Tolerance(dtype));
    }

    [Fact]
    public void With_distinct_labels_it_equals_sohns_formula()
    {
        var (a, _) = LossTestData.Batch(3, 5, 3, 2);
        var (p, _) = LossTestData.Batch(4, 5, 3, 2);
        double sohn = 0;
        for (int i = 0; i < 5; i++)
        {
            double s = 0;
            for (int j = 0; j < 5; j++) if (j != i) s += Math.Exp(LossTestData.Dot(a, i, p, j) - LossTestData.Dot(a, i, p, i));
            sohn += Math.Log(1 + s);
        }
        using var ta = LossTestData.Tensor(a, ScalarType.Float64);
        using var tp = LossTestData.Tensor(p, ScalarType.Float64);
        using var labels = torch.tensor(new long[] { 0, 1, 2, 3, 4 });
        using var loss = new NPairMcLoss(l2Weight: 0);
        Assert.Equal(sohn / 5, loss.Compute(ta, tp, labels).item<double>(), 12);
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Batch_form_pairs_consecutive_occurrences_and_pml_keeps_one_pair_per_label(ScalarType dtype)
    {
        var (x, _) = LossTestData.Batch(6, 8, 3, 2);
        long[] y = [7, 3, 3, 7, 5, 7, 5, 7];
        // Pairs: (0,3) label 7, (1,2) label 3, (4,6) label 5, (5,7) label 7 — sorted by anchor.
        int[] anchors = [0, 1, 4, 5], positives = [3, 2, 6, 7];
        var a = new double[4, 3];
        var p = new double[4, 3];
        for (int k = 0; k < 4; k++) for (int c = 0; c < 3; c++) { a[k, c] = x[anchors[k], c]; p[k, c] = x[positives[k], c]; }
        long[] pairLabels = [7, 3, 5, 7];
        using var tx = LossTestData.Tensor(x, dtype);
        using var labels = torch.tensor(y);
        using var loss = new NPairMcLoss();
        LossTestData.Close(Brute(a, p, pairLabels, 0.002), LossTestData.Value(loss.forward(tx, labels)), LossTestData.Tolerance(dtype), "tf");

        var a3 = new double[3, 3];
        var p3 = new double[3, 3];
        for (int k = 0; k < 3; k++) for (int c = 0; c < 3; c++) { a3[k, c] = a[k, c]; p3[k, c] = p[k, c]; }
        using var pml = NPairMcLoss.PytorchMetricLearning();
        LossTestData.Close(Brute(a3, p3, [7, 3, 5], 0), LossTestData.Value(pml.forward(tx, labels)), LossTestData.Tolerance(dtype), "pml");
    }

    [Fact]
    public void Odd_class_counts_are_rejected_with_a_hint()
    {
        using var x = torch.zeros(3, 2);
        using var labels = torch.tensor(new long[] { 1, 1, 2 });
        using var loss = new NPairMcLoss();
        var e = Assert.Throws<ArgumentException>(() => loss.forward(x, labels));
        Assert.Contains("two images per class", e.Message);
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Gradients_are_finite_for_identical_embeddings(ScalarType dtype)
    {
        using var x = torch.tensor(new double[] { 1, 0, 1, 0, 1, 0, 1, 0 }, 4, 2).to(dtype).requires_grad_(true);
        using var labels = torch.tensor(new long[] { 0, 0, 1, 1 });
        using var loss = new NPairMcLoss();
        using var value = loss.forward(x, labels);
        value.backward();
        LossTestData.Close(Math.Log(2) + 0.25 * 0.002 * 2, LossTestData.Value(value), LossTestData.Tolerance(dtype));
        Assert.True(x.grad!.isfinite().all().item<bool>());
    }
}
