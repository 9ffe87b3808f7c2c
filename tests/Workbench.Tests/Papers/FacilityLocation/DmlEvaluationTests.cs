using Workbench.Papers.FacilityLocation;

namespace Workbench.Tests.Papers.FacilityLocation;

public sealed class DmlEvaluationTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void APerfectEmbeddingScoresOne(ScalarType dtype)
    {
        // 6 classes x 5 images, each class a tight cluster around its own axis.
        int classes = 6, per = 5;
        var labels = Enumerable.Range(0, classes * per).Select(i => i / per).ToArray();
        var g = new Generator(11);
        using var noise = randn(classes * per, 8, generator: g, dtype: dtype).mul(1e-3);
        using var centres = eye(8, dtype: dtype).narrow(0, 0, classes).index_select(0, tensor(labels.Select(l => (long)l).ToArray()));
        using var x = centres.add(noise).mul(3);
        var result = DmlEvaluation.Evaluate(x, labels, [1, 2, 4, 8], [0, 1]);
        Assert.Equal(1.0, result.Metrics["NMI"], 12);
        foreach (var k in new[] { 1, 2, 4, 8 }) Assert.Equal(1.0, result.Metrics[$"R@{k}"], 12);
        Assert.Equal([0L, 1L], result.Clustering.Seeds);
        Assert.Equal(classes, result.Clustering.Clusters);
        Assert.Equal(labels.Length, result.PerQuery.Rows.Count);
        Assert.All(result.PerQuery.Rows, row => Assert.Equal(1, row[3])); // first_hit: the nearest neighbour is relevant
    }

    [Fact]
    public void RecallMatchesAHandComputedCase()
    {
        // Unit vectors at 0, 10, 14, 30 degrees (a0, a1, b0, b1), so the L2 normalisation changes nothing.
        // Nearest of a0 is a1 (hit), of a1 is b0 (miss), of b0 is a1 (miss), of b1 is b0 (hit).
        double[] deg = [0, 10, 14, 30];
        var pts = deg.SelectMany(d => new[] { Math.Cos(d * Math.PI / 180), Math.Sin(d * Math.PI / 180) }).ToArray();
        using var x = tensor(pts, [4, 2]);
        int[] labels = [0, 0, 1, 1];
        var result = DmlEvaluation.Evaluate(x, labels, [1, 2], [0]);
        Assert.Equal(0.5, result.Metrics["R@1"], 12);
        // R@2: a1's two nearest are b0, a0 → hit; b0's are a1 (4°), a0 (14°) → still a miss.
        Assert.Equal(0.75, result.Metrics["R@2"], 12);
        Assert.Equal(new object?[] { 1, 0, 1, 2, "2 0", 0.0, 1.0 }, result.PerQuery.Rows[1]); // a1: one relevant (a0) at rank 2, after b0 (depth = largest K)
    }

    [Fact]
    public void TestEmbeddingsRoundTrip()
    {
        using var x = arange(12, dtype: ScalarType.Float32).reshape(4, 3);
        var saved = TestEmbeddings.From(x, [0, 1, 1, 0], "toy/test", ["a", "b"]);
        string path = Path.Combine(Path.GetTempPath(), $"dml-emb-{Guid.NewGuid():N}.bin");
        try
        {
            saved.Save(path);
            var loaded = TestEmbeddings.Load(path);
            Assert.Equal(saved.Values, loaded.Values);
            Assert.Equal(saved.Labels, loaded.Labels);
            Assert.Equal(["a", "b"], loaded.ClassNames);
            Assert.Equal("toy/test", loaded.Dataset);
            using var t = loaded.ToTensor();
            Assert.True(t.eq(x).all().item<bool>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
