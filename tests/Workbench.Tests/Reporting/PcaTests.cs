using Workbench.Reporting.Embedding;

namespace Workbench.Tests.Reporting;

public class PcaTests
{
    [Theory]
    [InlineData(ScalarType.Float32, 1e-4)]
    [InlineData(ScalarType.Float64, 1e-9)]
    public void Matches_a_brute_force_covariance_eigendecomposition(ScalarType dtype, double tol)
    {
        const int n = 40, d = 6, k = 3;
        var rng = new Random(11);
        var data = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                data[i, j] = rng.NextDouble() * (j + 1) + (j == 2 ? data[i, 0] * 2 : 0); // unequal, correlated variances
        var x = tensor(data.Cast<double>().ToArray(), [n, d]).to(dtype);
        var xs = x.to(ScalarType.Float64).data<double>().ToArray(); // the exact values PCA sees

        var mean = new double[d];
        for (int j = 0; j < d; j++) mean[j] = Enumerable.Range(0, n).Average(i => xs[i * d + j]);
        var cov = new double[d, d];
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
                cov[a, b] = Enumerable.Range(0, n).Sum(i => (xs[i * d + a] - mean[a]) * (xs[i * d + b] - mean[b])) / (n - 1);
        var (values, vectors) = Jacobi(cov);

        using var pca = Pca.Fit(x, k);
        var comps = pca.Components.data<double>().ToArray();
        double total = values.Sum();
        for (int c = 0; c < k; c++)
        {
            Assert.Equal(values[c], pca.ExplainedVariance[c], 1e-9 * values[0]);
            Assert.Equal(values[c] / total, pca.ExplainedVarianceRatio[c], 1e-9);
            double dot = Enumerable.Range(0, d).Sum(j => comps[c * d + j] * vectors[j, c]);
            Assert.Equal(1.0, Math.Abs(dot), 1e-7);
            // Sign convention: the largest |loading| is positive.
            var row = Enumerable.Range(0, d).Select(j => comps[c * d + j]).ToArray();
            Assert.True(row.MaxBy(Math.Abs) > 0);
        }

        var projected = pca.Transform(x);
        Assert.Equal(dtype, projected.dtype);
        var pr = projected.to(ScalarType.Float64).data<double>().ToArray();
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++)
                Assert.Equal(Enumerable.Range(0, d).Sum(j => (xs[i * d + j] - mean[j]) * comps[c * d + j]), pr[i * k + c], tol * 10);
    }

    [Fact]
    public void Randomized_solver_agrees_with_the_exact_svd_on_a_decaying_spectrum()
    {
        const int n = 600, d = 700, k = 3;
        var g = new Generator(0, CPU);
        g.manual_seed(21);
        // Three strong directions (sd 10, 7, 5) over unit noise: the spectrum drops after k.
        var basis = linalg.qr(randn([d, k], ScalarType.Float64, generator: g)).Q.t();
        var scores = randn([n, k], ScalarType.Float64, generator: g) * tensor(new double[] { 10, 7, 5 });
        var x = scores.mm(basis) + randn([n, d], ScalarType.Float64, generator: g);

        using var exact = Pca.Fit(x, k, PcaSolver.Exact);
        using var auto = Pca.Fit(x, k); // min(N, D) > ExactLimit: randomized
        using var again = Pca.Fit(x, k, PcaSolver.Randomized);
        Assert.True(Math.Min(n, d) > Pca.ExactLimit);
        for (int c = 0; c < k; c++)
        {
            Assert.Equal(exact.ExplainedVariance[c], auto.ExplainedVariance[c], 1e-9 * exact.ExplainedVariance[0]);
            Assert.Equal(exact.ExplainedVarianceRatio[c], auto.ExplainedVarianceRatio[c], 1e-10);
        }
        double maxDiff = (exact.Components - auto.Components).abs().max().item<double>();
        Assert.True(maxDiff < 1e-6, $"same axes with the same signs (max difference {maxDiff:G3})");
        Assert.True(auto.Components.equal(again.Components).all().item<bool>(), "seeded: the same sketch every time");
    }

    [Fact]
    public void Rejects_bad_input()
    {
        Assert.Throws<ArgumentException>(() => Pca.Fit(zeros(5)));
        Assert.Throws<ArgumentException>(() => Pca.Fit(zeros([5, 3], ScalarType.Int64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Fit(zeros(5, 3), 4));
        Assert.Throws<ArgumentException>(() => Pca.Fit(tensor(new[] { 1.0, double.NaN, 2, 3 }).reshape(2, 2)));
        using var pca = Pca.Fit(randn(10, 3), 2);
        Assert.Throws<ArgumentException>(() => pca.Transform(zeros(4, 5)));
    }

    /// <summary>Cyclic Jacobi eigenvalue algorithm for a symmetric matrix: eigenvalues descending, eigenvectors as columns.</summary>
    private static (double[] Values, double[,] Vectors) Jacobi(double[,] input)
    {
        int n = input.GetLength(0);
        var a = (double[,])input.Clone();
        var v = new double[n, n];
        for (int i = 0; i < n; i++) v[i, i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += a[p, q] * a[p, q];
            if (off < 1e-30) break;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        var order = Enumerable.Range(0, n).OrderByDescending(i => a[i, i]).ToArray();
        var values = order.Select(i => a[i, i]).ToArray();
        var vectors = new double[n, n];
        for (int c = 0; c < n; c++) for (int r = 0; r < n; r++) vectors[r, c] = v[r, order[c]];
        return (values, vectors);
    }
}
