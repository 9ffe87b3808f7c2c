using Workbench.Clustering;

namespace Workbench.Tests.Clustering;

public class KMeansTests
{
    /// <summary>k tight Gaussian blobs (σ = 0.05) around centres 10 apart; returns points and true blob ids.</summary>
    private static (Tensor Points, int[] Blob) Blobs(int k, int perBlob, int dim, ScalarType dtype, int seed)
    {
        var random = new Random(seed);
        var data = new double[k * perBlob * dim];
        var blob = new int[k * perBlob];
        for (int b = 0; b < k; b++)
        {
            var centre = Enumerable.Range(0, dim).Select(_ => random.NextDouble() * 100).ToArray();
            for (int i = 0; i < perBlob; i++)
            {
                int row = b * perBlob + i;
                blob[row] = b;
                for (int j = 0; j < dim; j++) data[row * dim + j] = centre[j] + 0.05 * (random.NextDouble() - 0.5);
            }
        }
        return (tensor(data, [k * perBlob, dim]).to(dtype), blob);
    }

    private static void AssertSamePartition(int[] truth, long[] found)
    {
        var map = new Dictionary<int, long>();
        for (int i = 0; i < truth.Length; i++)
        {
            if (!map.TryAdd(truth[i], found[i])) Assert.Equal(map[truth[i]], found[i]);
        }
        Assert.Equal(map.Count, map.Values.Distinct().Count());
    }

    [Theory]
    [InlineData(KMeansInit.PlusPlus, ScalarType.Float32)]
    [InlineData(KMeansInit.PlusPlus, ScalarType.Float64)]
    [InlineData(KMeansInit.Random, ScalarType.Float32)]
    [InlineData(KMeansInit.Random, ScalarType.Float64)]
    public void Recovers_well_separated_blobs(KMeansInit init, ScalarType dtype)
    {
        // Forgy (random) initialisation often starts two centres in one blob; more restarts and
        // fewer blobs make the best restart the right partition.
        int blobs = init == KMeansInit.Random ? 3 : 6;
        var (x, blob) = Blobs(blobs, 40, 5, dtype, seed: 11);
        using var _ = x;
        using var result = KMeans.Fit(x, new KMeansOptions { Clusters = blobs, Init = init, Restarts = init == KMeansInit.Random ? 20 : 3, Seed = 3 });
        AssertSamePartition(blob, result.Assignments);
        Assert.True(result.Converged);
        Assert.Equal(dtype, result.Centroids.dtype);
        Assert.Equal(result.RestartInertias.Min(), result.Inertia);
        Assert.Equal(result.RestartInertias[result.BestRestart], result.Inertia);
    }

    [Fact]
    public void Inertia_and_assignments_match_a_brute_force_loop()
    {
        using var x = randn(300, 4, ScalarType.Float64, generator: new Generator(5));
        using var r = KMeans.Fit(x, new KMeansOptions { Clusters = 7, Seed = 1 });
        double[] p = x.data<double>().ToArray(), c = r.Centroids.data<double>().ToArray();
        double inertia = 0;
        for (int i = 0; i < 300; i++)
        {
            double best = double.MaxValue;
            long arg = -1;
            for (int j = 0; j < 7; j++)
            {
                double d = 0;
                for (int t = 0; t < 4; t++) d += (p[i * 4 + t] - c[j * 4 + t]) * (p[i * 4 + t] - c[j * 4 + t]);
                if (d < best) { best = d; arg = j; }
            }
            inertia += best;
            Assert.Equal(arg, r.Assignments[i]);
        }
        Assert.Equal(inertia, r.Inertia, 1e-9 * inertia);

        // Lloyd's fixed point: each centroid is the mean of its points.
        for (int j = 0; j < 7; j++)
        {
            var members = Enumerable.Range(0, 300).Where(i => r.Assignments[i] == j).ToArray();
            for (int t = 0; t < 4; t++) Assert.Equal(members.Average(i => p[i * 4 + t]), c[j * 4 + t], 1e-9);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_clustering_and_other_seeds_are_recorded()
    {
        using var x = randn(400, 3, generator: new Generator(9));
        var options = new KMeansOptions { Clusters = 8, Restarts = 2, Seed = 42 };
        using var a = KMeans.Fit(x, options);
        using var b = KMeans.Fit(x, options);
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.True(a.Centroids.eq(b.Centroids).all().item<bool>());
        Assert.Equal(a.RestartSeeds, b.RestartSeeds);
        Assert.Equal(2, a.RestartSeeds.Distinct().Count());

        using var c = KMeans.Fit(x, options with { Seed = 43 });
        Assert.NotEqual(a.RestartSeeds, c.RestartSeeds);
    }

    [Fact]
    public void Duplicate_points_and_k_equal_to_n_do_not_break_it()
    {
        using var same = ones(10, 2);
        using var r = KMeans.Fit(same, new KMeansOptions { Clusters = 3, Init = KMeansInit.Random, Seed = 1 });
        Assert.Equal(0, r.Inertia, 12);
        using var few = tensor(new float[] { 0, 0, 5, 5, 9, 1 }, [3, 2]);
        using var all = KMeans.Fit(few, new KMeansOptions { Clusters = 3 });
        Assert.Equal(3, all.Assignments.Distinct().Count());
        Assert.Equal(0, all.Inertia, 6);
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        using var x = randn(5, 2);
        Assert.Contains("at least 6 points", Assert.Throws<ArgumentException>(() => KMeans.Fit(x, new KMeansOptions { Clusters = 6 })).Message);
        Assert.Throws<ArgumentException>(() => KMeans.Fit(x, new KMeansOptions { Clusters = 2, Restarts = 0 }));
        using var flat = randn(5);
        Assert.Contains("[N, D]", Assert.Throws<ArgumentException>(() => KMeans.Fit(flat, new KMeansOptions { Clusters = 2 })).Message);
        using var nan = full(4, 2, float.NaN);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => KMeans.Fit(nan, new KMeansOptions { Clusters = 2 })).Message);
    }
}
