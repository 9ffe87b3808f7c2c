using Workbench.Losses.Distances;

namespace Workbench.Tests.Losses.Distances;

public class DistanceTests
{
    public static TheoryData<ScalarType> Dtypes => LossTestData.DtypeData;

    private static void AssertMatrix(Tensor actual, Func<int, int, double> expected, double tolerance)
    {
        using var cpu = actual.to(ScalarType.Float64);
        var v = cpu.data<double>().ToArray();
        int rows = (int)actual.shape[0], cols = (int)actual.shape[1];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                LossTestData.Close(expected(i, j), v[i * cols + j], tolerance, $"[{i},{j}]");
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Every_distance_matches_a_brute_force_loop(ScalarType dtype)
    {
        var (x, _) = LossTestData.Batch(1, 7, 5, 3);
        var (q, _) = LossTestData.Batch(2, 4, 5, 2);
        using var tx = LossTestData.Tensor(x, dtype);
        using var tq = LossTestData.Tensor(q, dtype);
        double tol = LossTestData.Tolerance(dtype);

        var cases = new (IPairwiseDistance Distance, Func<double[,], int, double[,], int, double> Brute)[]
        {
            (new EuclideanDistance(), (a, i, b, j) => Math.Sqrt(Cross(a, i, b, j))),
            (new EuclideanDistance(normalizeEmbeddings: true), (a, i, b, j) => Math.Sqrt(Cross(LossTestData.Normalized(a), i, LossTestData.Normalized(b), j))),
            (new SquaredEuclideanDistance(), (a, i, b, j) => Cross(a, i, b, j)),
            (new CosineSimilarity(), (a, i, b, j) => LossTestData.Dot(LossTestData.Normalized(a), i, LossTestData.Normalized(b), j)),
            (new CosineDistance(), (a, i, b, j) => 1 - LossTestData.Dot(LossTestData.Normalized(a), i, LossTestData.Normalized(b), j)),
            (new DotProductSimilarity(), (a, i, b, j) => LossTestData.Dot(a, i, b, j)),
            (new TemperatureScaledSimilarity(new CosineSimilarity(1e-8), 0.5), (a, i, b, j) => LossTestData.Dot(LossTestData.Normalized(a), i, LossTestData.Normalized(b), j) / 0.5),
            (new TemperatureScaledSimilarity(new DotProductSimilarity(), 0.2), (a, i, b, j) => LossTestData.Dot(a, i, b, j) / 0.2),
        };
        foreach (var (distance, brute) in cases)
        {
            using var self = distance.Pairwise(tx);
            Assert.Equal(dtype, self.dtype);
            AssertMatrix(self, (i, j) => i == j && !distance.IsSimilarity ? 0 : brute(x, i, x, j), tol);
            using var cross = distance.Pairwise(tq, tx);
            AssertMatrix(cross, (i, j) => brute(q, i, x, j), tol);
            using var paired = distance.Paired(tx[..4], tq);
            using var column = paired.unsqueeze(1);
            AssertMatrix(column, (i, _) => brute(x, i, q, i), tol);
            if (!distance.IsSimilarity)
            {
                using var diagonal = self.diagonal();
                Assert.True(diagonal.eq(0).all().item<bool>(), $"{distance.Name}: the diagonal must be exactly 0");
            }
        }

        static double Cross(double[,] a, int i, double[,] b, int j)
        {
            double s = 0;
            for (int k = 0; k < a.GetLength(1); k++) s += (a[i, k] - b[j, k]) * (a[i, k] - b[j, k]);
            return s;
        }
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Euclidean_square_root_is_zero_safe(ScalarType dtype)
    {
        // Rows 0 and 1 are identical with exactly representable values: D01 is exactly 0.
        using var x = torch.tensor(new double[] { 1, 0, 0.5, 1, 0, 0.5, 0, 1, 0.25 }, 3, 3).to(dtype).requires_grad_(true);
        var euclidean = new EuclideanDistance();
        using var d = euclidean.Pairwise(x);
        Assert.Equal(0.0, LossTestData.Value(d[0, 1]));
        using var sum = d.sum();
        sum.backward();
        Assert.True(x.grad!.isfinite().all().item<bool>());

        // The gradient of an exact-zero entry is exactly zero.
        using var x2 = x.detach().clone().requires_grad_(true);
        using var d2 = euclidean.Pairwise(x2);
        using var entry = d2[0, 1];
        entry.backward();
        Assert.True(x2.grad!.eq(0).all().item<bool>());

        using var x3 = x.detach().clone().requires_grad_(true);
        using var paired = euclidean.Paired(x3[..1], x3[1..2]);
        using var pairedSum = paired.sum();
        pairedSum.backward();
        Assert.Equal(0.0, LossTestData.Value(paired.sum()));
        Assert.True(x3.grad!.eq(0).all().item<bool>());
    }

    [Fact]
    public void Cosine_eps_clamps_small_norms_and_a_temperature_needs_a_similarity()
    {
        // a = (1e-10, 0): ‖a‖ < ε = 1e-8, so cos(a, e1) = 1e-10 / (1e-8 · 1) = 0.01 (PyTorch's clamp), not 1.
        using var a = tensor(new[] { 1e-10, 0.0 }).reshape(1, 2);
        using var e1 = tensor(new[] { 1.0, 0.0 }).reshape(1, 2);
        using var clamped = new CosineSimilarity(1e-8).Pairwise(a, e1);
        Assert.Equal(0.01, clamped.item<double>(), 12);
        using var plain = new CosineSimilarity().Pairwise(a, e1);
        Assert.Equal(1.0, plain.item<double>(), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSimilarity(0));
        Assert.Throws<ArgumentException>(() => new TemperatureScaledSimilarity(new EuclideanDistance(), 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TemperatureScaledSimilarity(new DotProductSimilarity(), 0));
        Assert.Equal("cosine-similarity/0.5", new TemperatureScaledSimilarity(new CosineSimilarity(), 0.5).Name);
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Cosine_self_similarity_normalises_once_with_the_two_set_values(ScalarType dtype)
    {
        var (x, _) = LossTestData.Batch(3, 6, 4, 2);
        using var t = LossTestData.Tensor(x, dtype);
        var cosine = new CosineSimilarity();
        using var self = cosine.Pairwise(t);
        using var cross = cosine.Pairwise(t, t);
        Assert.True(self.eq(cross).all().item<bool>(), "one normalisation and two give the same values to the bit");
    }

    [Fact]
    public void Dissimilarity_view_negates_similarities_only()
    {
        using var m = torch.tensor(new double[] { 0.5, -1 });
        using var a = new EuclideanDistance().ToDissimilarity(m);
        using var b = new CosineSimilarity().ToDissimilarity(m);
        Assert.Equal([0.5, -1], a.data<double>().ToArray());
        Assert.Equal([-0.5, 1], b.data<double>().ToArray());
    }

    [Fact]
    public void Bad_shapes_are_rejected()
    {
        using var v = torch.zeros(5);
        var e = Assert.Throws<ArgumentException>(() => new EuclideanDistance().Pairwise(v));
        Assert.Contains("2-D", e.Message);
        using var ints = torch.zeros(new long[] { 2, 2 }, dtype: ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => new SquaredEuclideanDistance().Pairwise(ints));
        using var a = torch.zeros(3, 2);
        using var b = torch.zeros(2, 2);
        Assert.Throws<ArgumentException>(() => new EuclideanDistance().Paired(a, b));
    }
}
