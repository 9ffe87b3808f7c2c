using Workbench.Losses;

namespace Workbench.Tests.Losses;

public class InfoNceTests
{
    [Theory]
    [InlineData(ScalarType.Float32, 1e-5)]
    [InlineData(ScalarType.Float64, 1e-12)]
    public void Memory_bank_style_loss_with_an_excluded_column_equals_the_loop(ScalarType dtype, double atol)
    {
        // 3 queries against a bank of 6 entries; query i's positive is column 2i, column 2i+1 is excluded.
        using var s = randn(3, 6, dtype: dtype);
        using var pos = tensor(new long[] { 0, 2, 4 });
        using var exclude = zeros(3, 6, dtype: ScalarType.Bool);
        for (int i = 0; i < 3; i++) exclude[i, 2 * i + 1] = tensor(true);
        const double tau = 0.2;
        using var loss = InfoNce.Loss(s, pos, exclude, tau);

        double[] sim = s.to(ScalarType.Float64).data<double>().ToArray();
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            double denominator = 0;
            for (int c = 0; c < 6; c++) if (c != 2 * i + 1) denominator += Math.Exp(sim[i * 6 + c] / tau);
            expected += Math.Log(denominator) - sim[i * 6 + 2 * i] / tau;
        }
        expected /= 3;
        Assert.True(Math.Abs(expected - ContrastiveReference.Scalar(loss)) <= atol * Math.Max(1, expected), $"{ContrastiveReference.Scalar(loss)} vs {expected}");
    }

    [Theory]
    [InlineData(ScalarType.Float32, 1e-5)]
    [InlineData(ScalarType.Float64, 1e-12)]
    public void Per_anchor_terms_and_reducers_equal_the_loop(ScalarType dtype, double atol)
    {
        using var g = Workbench.Runtime.Seeding.NewGenerator("infonce-terms", 2);
        using var logits = randn(4, 5, dtype: dtype, generator: g);
        using var pos = tensor(new long[] { 1, 0, 4, 2 });
        using var exclude = zeros(4, 5, dtype: ScalarType.Bool);
        exclude[0, 0] = tensor(true);
        exclude[3, 4] = tensor(true);
        double[] l = logits.to(ScalarType.Float64).data<double>().ToArray();
        long[] p = [1, 0, 4, 2];
        var expected = new double[4];
        for (int r = 0; r < 4; r++)
        {
            double denominator = 0;
            for (int c = 0; c < 5; c++) if (!(r == 0 && c == 0) && !(r == 3 && c == 4)) denominator += Math.Exp(l[r * 5 + c]);
            expected[r] = Math.Log(denominator) - l[r * 5 + p[r]];
        }
        using var terms = InfoNce.PerAnchor(logits, pos, exclude);
        Assert.Equal(new long[] { 4 }, terms.shape);
        double[] t = terms.to(ScalarType.Float64).data<double>().ToArray();
        for (int r = 0; r < 4; r++) Assert.True(Math.Abs(expected[r] - t[r]) <= atol * Math.Max(1, expected[r]), $"row {r}: {t[r]} vs {expected[r]}");
        using var sum = InfoNce.Loss(logits, pos, exclude, new Workbench.Losses.Reducers.SumReducer());
        using var mean = InfoNce.Loss(logits, pos, exclude, new Workbench.Losses.Reducers.MeanReducer());
        Assert.True(Math.Abs(expected.Sum() - ContrastiveReference.Scalar(sum)) <= atol * 4 * Math.Max(1, expected.Sum()));
        Assert.True(Math.Abs(expected.Average() - ContrastiveReference.Scalar(mean)) <= atol * Math.Max(1, expected.Average()));
        // The fused mean and the reducer's mean have one gradient.
        using var x1 = logits.detach().clone().requires_grad_(true);
        using var x2 = logits.detach().clone().requires_grad_(true);
        InfoNce.Loss(x1, pos, exclude, new Workbench.Losses.Reducers.MeanReducer()).backward();
        InfoNce.PerAnchor(x2, pos, exclude).mean().backward();
        Assert.True(x1.grad!.eq(x2.grad!).all().item<bool>());
    }

    [Fact]
    public void Excluding_a_positive_is_refused()
    {
        using var s = randn(2, 3);
        using var pos = tensor(new long[] { 0, 1 });
        using var exclude = eye(2, 3, dtype: ScalarType.Bool);
        Assert.Contains("excluded", Assert.Throws<ArgumentException>(() => InfoNce.Loss(s, pos, exclude, 0.5)).Message);
    }
}
