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

    [Fact]
    public void Excluding_a_positive_is_refused()
    {
        using var s = randn(2, 3);
        using var pos = tensor(new long[] { 0, 1 });
        using var exclude = eye(2, 3, dtype: ScalarType.Bool);
        Assert.Contains("excluded", Assert.Throws<ArgumentException>(() => InfoNce.Loss(s, pos, exclude, 0.5)).Message);
    }
}
