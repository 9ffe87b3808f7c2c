namespace Workbench.Tests.Losses;

/// <summary>Small random batches as double arrays (for brute-force loops) and as tensors.</summary>
internal static class LossTestData
{
    public static readonly ScalarType[] Dtypes = [ScalarType.Float32, ScalarType.Float64];

    public static TheoryData<ScalarType> DtypeData => new() { ScalarType.Float32, ScalarType.Float64 };

    /// <summary>m points in dim dimensions with classes drawn so that every class occurs at least twice when m ≥ 2·classes.</summary>
    public static (double[,] X, long[] Labels) Batch(int seed, int m, int dim, int classes, double scale = 1.0)
    {
        var random = new Random(seed);
        var x = new double[m, dim];
        var labels = new long[m];
        for (int i = 0; i < m; i++)
        {
            labels[i] = i < 2 * classes ? i % classes : random.Next(classes);
            for (int k = 0; k < dim; k++) x[i, k] = scale * (random.NextDouble() * 2 - 1);
        }
        return (x, labels.OrderBy(_ => random.Next()).ToArray());
    }

    public static Tensor Tensor(double[,] x, ScalarType dtype, bool requiresGrad = false)
    {
        int m = x.GetLength(0), dim = x.GetLength(1);
        var flat = new double[m * dim];
        Buffer.BlockCopy(x, 0, flat, 0, flat.Length * sizeof(double));
        var t = torch.tensor(flat, m, dim).to(dtype);
        return requiresGrad ? t.requires_grad_(true) : t;
    }

    public static double[,] Rows(double[,] x, double[] normsOut)
    {
        int m = x.GetLength(0), dim = x.GetLength(1);
        var y = new double[m, dim];
        for (int i = 0; i < m; i++)
        {
            double n = 0;
            for (int k = 0; k < dim; k++) n += x[i, k] * x[i, k];
            n = Math.Sqrt(n);
            normsOut[i] = n;
            for (int k = 0; k < dim; k++) y[i, k] = x[i, k] / n;
        }
        return y;
    }

    /// <summary>L2-normalised copy of the rows.</summary>
    public static double[,] Normalized(double[,] x) => Rows(x, new double[x.GetLength(0)]);

    public static double SquaredDistance(double[,] x, int i, int j)
    {
        double s = 0;
        for (int k = 0; k < x.GetLength(1); k++) s += (x[i, k] - x[j, k]) * (x[i, k] - x[j, k]);
        return s;
    }

    public static double Distance(double[,] x, int i, int j) => Math.Sqrt(SquaredDistance(x, i, j));

    public static double Dot(double[,] a, int i, double[,] b, int j)
    {
        double s = 0;
        for (int k = 0; k < a.GetLength(1); k++) s += a[i, k] * b[j, k];
        return s;
    }

    public static double Value(Tensor t) => t.to(ScalarType.Float64).item<double>();

    public static double Tolerance(ScalarType dtype) => dtype == ScalarType.Float32 ? 1e-4 : 1e-10;

    /// <summary>Asserts |expected − actual| ≤ tol·max(1, |expected|).</summary>
    public static void Close(double expected, double actual, double tolerance, string what = "")
    {
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");
    }
}
