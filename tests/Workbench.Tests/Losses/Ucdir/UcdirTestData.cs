namespace Workbench.Tests.Losses.Ucdir;

/// <summary>Random inputs as plain arrays (for the brute-force loops) and as tensors of a chosen dtype.</summary>
internal static class UcdirTestData
{
    public static double[][] Rows(Random rng, int n, int d, bool normalize = true)
    {
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new double[d];
            for (int j = 0; j < d; j++) rows[i][j] = Gaussian(rng);
            if (normalize) rows[i] = Normalize(rows[i]);
        }
        return rows;
    }

    public static double[] Normalize(double[] v)
    {
        double norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / Math.Max(norm, 1e-12)).ToArray();
    }

    public static Tensor T(double[][] rows, ScalarType dtype) =>
        tensor(rows.SelectMany(r => r).ToArray()).reshape(rows.Length, rows[0].Length).to(dtype);

    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public static double Cos(double[] a, double[] b) => Dot(Normalize(a), Normalize(b));

    public static double Euclid(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    public static double LogSumExp(IEnumerable<double> xs)
    {
        var list = xs.ToList();
        double max = list.Max();
        return max + Math.Log(list.Sum(x => Math.Exp(x - max)));
    }

    public static double[] Softmax(double[] logits)
    {
        double lse = LogSumExp(logits);
        return logits.Select(x => Math.Exp(x - lse)).ToArray();
    }

    public static double Entropy(double[] p) => -p.Where(x => x > 0).Sum(x => x * Math.Log(x));

    public static double Tolerance(ScalarType dtype) => dtype == ScalarType.Float32 ? 2e-4 : 1e-10;

    public static void Close(double expected, Tensor actual, ScalarType dtype)
    {
        Assert.Equal(dtype, actual.dtype);
        double a = actual.ToDouble();
        double tol = Tolerance(dtype) * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - a) <= tol, $"expected {expected}, got {a} ({dtype})");
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
