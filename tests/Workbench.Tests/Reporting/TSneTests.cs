using Workbench.Reporting.Embedding;

namespace Workbench.Tests.Reporting;

public class TSneTests
{
    [Fact]
    public void Conditional_affinities_are_gaussian_rows_with_the_target_perplexity()
    {
        const int n = 50, d = 4;
        var g = new Generator(0, CPU);
        g.manual_seed(2);
        var x = randn([n, d], ScalarType.Float64, generator: g).mul(3);
        var (cond, betas) = TSneAffinities.Conditional(x, perplexity: 10);
        var p = cond.data<double>().ToArray();
        var xs = x.data<double>().ToArray();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(0.0, p[i * n + i]);
            var dist = Enumerable.Range(0, n).Select(j => Enumerable.Range(0, d).Sum(k => Math.Pow(xs[i * d + k] - xs[j * d + k], 2))).ToArray();
            double z = Enumerable.Range(0, n).Where(j => j != i).Sum(j => Math.Exp(-betas[i] * dist[j]));
            double h = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double expected = Math.Exp(-betas[i] * dist[j]) / z;
                Assert.Equal(expected, p[i * n + j], 1e-12);
                if (expected > 0) h -= expected * Math.Log(expected);
            }
            Assert.Equal(Math.Log(10), h, 1e-5);
        }
        var (joint, _) = TSneAffinities.Joint(x, 10);
        Assert.True(joint.allclose(joint.t()));
        Assert.Equal(1.0, joint.sum().item<double>(), 1e-9);
        Assert.Throws<ArgumentOutOfRangeException>(() => TSneAffinities.Conditional(x, perplexity: 49));
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(12f)]
    public void Fused_gradient_and_normaliser_match_a_brute_force_loop(float scale)
    {
        const int n = 37; // not a multiple of the SIMD width: the scalar tail runs too
        var rng = new Random(4);
        float[] xs = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 6 - 3)).ToArray();
        float[] ys = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 6 - 3)).ToArray();
        var p = new float[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) p[i * n + j] = (float)rng.NextDouble();
        float total = p.Sum();
        for (int i = 0; i < p.Length; i++) p[i] /= total;

        double Num(int i, int j) => 1.0 / (1.0 + Math.Pow(xs[i] - xs[j], 2) + Math.Pow(ys[i] - ys[j], 2));
        double zRef = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) zRef += Num(i, j);
        double z = TSneKernel.Normalizer(xs, ys);
        Assert.Equal(zRef, z, 1e-5 * zRef);

        float[] gx = new float[n], gy = new float[n];
        Assert.Equal(zRef, TSneKernel.Gradient(p, scale, xs, ys, gx, gy), 1e-5 * zRef);
        for (int i = 0; i < n; i++)
        {
            double rx = 0, ry = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double m = 4 * (scale * p[i * n + j] - Num(i, j) / zRef) * Num(i, j);
                rx += m * (xs[i] - xs[j]);
                ry += m * (ys[i] - ys[j]);
            }
            Assert.Equal(rx, gx[i], 1e-5);
            Assert.Equal(ry, gy[i], 1e-5);
        }

        double kl = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) kl += p[i * n + j] * Math.Log(p[i * n + j] / (Num(i, j) / zRef));
        var yTensor = stack([tensor(xs), tensor(ys)], 1);
        Assert.Equal(kl, TSne.KlDivergence(tensor(p).reshape(n, n), yTensor), 1e-5);
    }

    [Fact]
    public void Separates_well_separated_blobs_and_is_deterministic_by_seed()
    {
        const int n = 150, classes = 5;
        var g = new Generator(0, CPU);
        g.manual_seed(9);
        var centres = randn([classes, 20], ScalarType.Float32, generator: g).mul(12);
        var labels = arange(n, dtype: ScalarType.Int64).remainder(classes);
        var x = centres.index_select(0, labels) + randn([n, 20], ScalarType.Float32, generator: g);
        var options = new TSneOptions { Perplexity = 15, Iterations = 400, Seed = 3 };

        using var a = TSne.Embed(x, options);
        using var b = TSne.Embed(x, options);
        using var c = TSne.Embed(x, options with { Seed = 4 });
        Assert.Equal([n, 2], a.Embedding.shape);
        Assert.True(a.Embedding.equal(b.Embedding).all().item<bool>(), "same seed, same map");
        Assert.False(a.Embedding.equal(c.Embedding).all().item<bool>(), "another seed, another map");
        Assert.True(a.KlDivergence is > 0 and < 2, $"KL {a.KlDivergence}");

        // Leave-one-out 5-NN accuracy in the 2-D map.
        var y = a.Embedding.data<double>().ToArray();
        var lab = labels.data<long>().ToArray();
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            var votes = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => Math.Pow(y[2 * i] - y[2 * j], 2) + Math.Pow(y[2 * i + 1] - y[2 * j + 1], 2)).Take(5)
                .GroupBy(j => lab[j]).OrderByDescending(gr => gr.Count()).First().Key;
            if (votes == lab[i]) correct++;
        }
        Assert.True(correct >= n - 1, $"kNN accuracy {correct}/{n}");
    }

    [Fact]
    public void Reports_progress_and_rejects_bad_input()
    {
        var x = randn(30, 3);
        var reports = new List<TSneProgress>();
        using var r = TSne.Embed(x, new TSneOptions { Perplexity = 5, Iterations = 100, ProgressInterval = 25, PcaDimensions = null, Init = TSneInit.Pca },
            new SyncProgress(reports.Add));
        Assert.Equal([25, 50, 75, 100], reports.Select(p => p.Iteration));
        Assert.Equal(50, r.LearningRate); // auto: max(30 / 12 / 4, 50)
        Assert.Contains("below N − 1", Assert.Throws<ArgumentException>(() => TSne.Embed(x, new TSneOptions { Perplexity = 29 })).Message);
        Assert.Contains("MaxPoints", Assert.Throws<ArgumentException>(() => TSne.Embed(x, new TSneOptions { MaxPoints = 10, Perplexity = 2 })).Message);
        Assert.Throws<ArgumentException>(() => TSne.Embed(tensor(new float[] { 1, float.NaN, 2, 3, 4, 5, 6, 7, 8, 9 }).reshape(5, 2), new TSneOptions { Perplexity = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TSne.Embed(x, new TSneOptions { Perplexity = 0.5 }));
    }

    private sealed class SyncProgress(Action<TSneProgress> report) : IProgress<TSneProgress>
    {
        public void Report(TSneProgress value) => report(value);
    }
}
