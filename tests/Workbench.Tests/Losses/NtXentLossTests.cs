using Workbench.Losses;

namespace Workbench.Tests.Losses;

public class NtXentLossTests
{
    [Theory]
    [InlineData(ScalarType.Float32, 1e-5)]
    [InlineData(ScalarType.Float64, 1e-12)]
    public void Equals_the_brute_force_loop(ScalarType dtype, double atol)
    {
        using var g = Workbench.Runtime.Seeding.NewGenerator("ntxent", 1);
        using var u = randn(6, 5, dtype: dtype, generator: g);
        using var v = randn(6, 5, dtype: dtype, generator: g);
        foreach (double tau in new[] { 0.5, 0.1, 1.0 })
        {
            using var loss = new NtXentLoss(tau).call(u, v);
            Assert.Equal(dtype, loss.dtype);
            Assert.Equal(0, loss.dim());
            double expected = ContrastiveReference.NtXent(ContrastiveReference.Rows(u), ContrastiveReference.Rows(v), tau);
            Assert.True(Math.Abs(expected - ContrastiveReference.Scalar(loss)) <= atol * Math.Max(1, expected), $"tau {tau}: {ContrastiveReference.Scalar(loss)} vs {expected}");
        }
    }

    [Fact]
    public void Hand_case_of_orthonormal_identical_views()
    {
        // u = v = I_4: the positive has s = 1, the other 6 candidates s = 0, so
        // loss = -log(e^{1/τ} / (e^{1/τ} + 6)) = log(1 + 6 e^{-1/τ}).
        using var u = eye(4, dtype: ScalarType.Float64);
        using var loss = NtXentLoss.Compute(u, u, 0.5);
        Assert.Equal(Math.Log(1 + 6 * Math.Exp(-2)), ContrastiveReference.Scalar(loss), 12);
        // Scaling a row does not change a cosine loss.
        using var scaled = u * tensor(new[] { 1.0, 3.0, 0.5, 10.0 }).view(4, 1);
        using var same = NtXentLoss.Compute(scaled, u, 0.5);
        Assert.Equal(ContrastiveReference.Scalar(loss), same.item<double>(), 12);
    }

    [Fact]
    public void Zero_rows_stay_finite_thanks_to_the_eps_clamp()
    {
        using var u = randn(4, 3, dtype: ScalarType.Float64).requires_grad_(true);
        using var v0 = randn(4, 3, dtype: ScalarType.Float64);
        using (no_grad()) v0[1].zero_();
        using var loss = NtXentLoss.Compute(u, v0);
        loss.backward();
        Assert.True(double.IsFinite(ContrastiveReference.Scalar(loss)));
        Assert.True(u.grad!.isfinite().all().item<bool>());
        double expected = ContrastiveReference.NtXent(ContrastiveReference.Rows(u), ContrastiveReference.Rows(v0), 0.5);
        Assert.Equal(expected, ContrastiveReference.Scalar(loss), 12);
    }

    [Fact]
    public void Gradient_matches_central_finite_differences()
    {
        using var u = randn(3, 4, dtype: ScalarType.Float64).requires_grad_(true);
        using var v = randn(3, 4, dtype: ScalarType.Float64);
        using var loss = NtXentLoss.Compute(u, v, 0.5);
        loss.backward();
        double[] grad = u.grad!.contiguous().data<double>().ToArray();
        double[][] rows = ContrastiveReference.Rows(u);
        double[][] vRows = ContrastiveReference.Rows(v);
        const double h = 1e-6;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                double keep = rows[i][j];
                rows[i][j] = keep + h;
                double plus = ContrastiveReference.NtXent(rows, vRows, 0.5);
                rows[i][j] = keep - h;
                double minus = ContrastiveReference.NtXent(rows, vRows, 0.5);
                rows[i][j] = keep;
                Assert.Equal((plus - minus) / (2 * h), grad[i * 4 + j], 1e-7); // a tolerance, not rounding to 7 places (which flips at a rounding boundary)
            }
        }
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Parts_are_the_configuration(ScalarType dtype)
    {
        using var g = Workbench.Runtime.Seeding.NewGenerator("ntxent-parts", 1);
        using var u = randn(5, 4, dtype: dtype, generator: g);
        using var v = randn(5, 4, dtype: dtype, generator: g);
        using var mean = new NtXentLoss(0.5).call(u, v);
        var cosine = new Workbench.Losses.Distances.TemperatureScaledSimilarity(new Workbench.Losses.Distances.CosineSimilarity(1e-8), 0.5);
        using var composed = new NtXentLoss(cosine, new Workbench.Losses.Reducers.MeanReducer());
        using var same = composed.call(u, v);
        Assert.True(same.eq(mean).all().item<bool>(), "the default constructor is this composition");
        Assert.Equal("nt-xent(similarity=cosine-similarity/0.5, reducer=mean)", composed.Describe());
        // A sum over the 2N = 10 anchors is 10 × the mean; a dot-product similarity is another loss (the brute force with dots).
        using var summed = new NtXentLoss(cosine, new Workbench.Losses.Reducers.SumReducer()).call(u, v);
        Assert.Equal(10 * ContrastiveReference.Scalar(mean), ContrastiveReference.Scalar(summed), dtype == ScalarType.Float32 ? 4 : 10);
        var dot = new Workbench.Losses.Distances.TemperatureScaledSimilarity(new Workbench.Losses.Distances.DotProductSimilarity(), 0.5);
        using var dotLoss = new NtXentLoss(dot, new Workbench.Losses.Reducers.MeanReducer()).call(u, v);
        var w = ContrastiveReference.Rows(u).Concat(ContrastiveReference.Rows(v)).ToArray();
        double expected = 0;
        for (int r = 0; r < 10; r++)
        {
            double Logit(int c) => w[r].Zip(w[c], (a, b) => a * b).Sum() / 0.5;
            double denominator = Enumerable.Range(0, 10).Where(c => c != r).Sum(c => Math.Exp(Logit(c)));
            expected += Math.Log(denominator) - Logit((r + 5) % 10);
        }
        Assert.Equal(expected / 10, ContrastiveReference.Scalar(dotLoss), dtype == ScalarType.Float32 ? 3 : 10);
        Assert.Throws<ArgumentException>(() => new NtXentLoss(new Workbench.Losses.Distances.EuclideanDistance(), new Workbench.Losses.Reducers.MeanReducer()));
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        using var one = randn(1, 3);
        Assert.Contains("N ≥ 2", Assert.Throws<ArgumentException>(() => NtXentLoss.Compute(one, one)).Message);
        using var a = randn(4, 3);
        using var b = randn(4, 2);
        Assert.Throws<ArgumentException>(() => NtXentLoss.Compute(a, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NtXentLoss(0));
    }
}
