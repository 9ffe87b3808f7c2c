using Workbench.Papers.Ucdir;

namespace Workbench.Tests.Papers.Ucdir;

public class CrossDomainRetrievalTests
{
    private static Tensor Angles(params double[] degrees) =>
        tensor(degrees.SelectMany(d => new[] { Math.Cos(d * Math.PI / 180), Math.Sin(d * Math.PI / 180) }).ToArray()).reshape(degrees.Length, 2);

    private static Tensor OneHot(int[] labels, int classes, ScalarType dtype) =>
        nn.functional.one_hot(tensor(labels.Select(l => (long)l).ToArray()), classes).to(dtype);

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void PerfectEmbeddingScores100PlainAndCapped(ScalarType dtype)
    {
        // 3 classes, 6 images of each in both domains: every relevant item ties at cosine 1 above every other.
        int[] labels = Enumerable.Range(0, 18).Select(i => i % 3).ToArray();
        using var a = OneHot(labels, 3, dtype);
        using var b = OneHot(labels.Reverse().ToArray(), 3, dtype);
        var r = CrossDomainRetrieval.Evaluate(a, labels, b, labels.Reverse().ToArray(), [1, 5, 15]);
        foreach (int k in new[] { 1, 5 })
        {
            foreach (var name in new[] { $"A->B P@{k}", $"B->A P@{k}", $"A->B P@{k} capped", $"B->A P@{k} capped", $"mean P@{k}", $"mean P@{k} capped" })
                Assert.Equal(100.0, r.Metrics[name], 10);
        }
        // K = 15 exceeds the 6 relevant images per class: capped stays 100, plain is 6/15.
        Assert.Equal(100.0, r.Metrics["A->B P@15 capped"], 10);
        Assert.Equal(100.0 * 6 / 15, r.Metrics["A->B P@15"], 10);
    }

    [Fact]
    public void BothDirectionsMatchAHandComputedCase()
    {
        // A: a0 at 0° (class 0), a1 at 90° (class 1), a2 at 45° (class 0).
        // B: b0 at 5.71° (0), b1 at 78.69° (1), b2 at 30.96° (1), b3 at 63.43° (0) — no ties anywhere.
        using var a = Angles(0, 90, 45);
        using var b = tensor(new double[] { 1, 0.1, 0.2, 1, 1, 0.6, 0.5, 1 }).reshape(4, 2);
        int[] la = [0, 1, 0], lb = [0, 1, 1, 0];
        var r = CrossDomainRetrieval.Evaluate(a, la, b, lb, [1, 2, 3, 5]);

        Assert.Equal([1, 2, 3], r.Ks); // 5 exceeds the smaller domain (3 images)
        // A→B rankings: a0: b0✓ b2 b3✓ b1; a1: b1✓ b3 b2✓ b0; a2: b2 b3✓ b1 b0✓.
        Assert.Equal(3, r.AToB.Depth); // rankings are kept to the largest K
        Assert.Equal([0, 2, 3], r.AToB.IdsOf(0).ToArray());
        Assert.Equal([1, 3, 2], r.AToB.IdsOf(1).ToArray());
        Assert.Equal([2, 3, 1], r.AToB.IdsOf(2).ToArray());
        Assert.Equal(100.0 * 2 / 3, r.Metrics["A->B P@1"], 10);
        Assert.Equal(50.0, r.Metrics["A->B P@2"], 10);
        Assert.Equal(100.0 * 5 / 9, r.Metrics["A->B P@3"], 10);
        Assert.Equal(100.0 * 2 / 3, r.Metrics["A->B P@1 capped"], 10);
        Assert.Equal(50.0, r.Metrics["A->B P@2 capped"], 10);
        Assert.Equal(50.0, r.Metrics["A->B P@3 capped"], 10); // K_q = min(3, 2) = 2 for every query
        // B→A rankings: b0: a0✓ a2✓ a1; b1: a1✓ a2 a0; b2: a2 a0 a1✓; b3: a2✓ a1 a0✓.
        Assert.Equal(75.0, r.Metrics["B->A P@1"], 10);
        Assert.Equal(50.0, r.Metrics["B->A P@2"], 10);
        Assert.Equal(50.0, r.Metrics["B->A P@3"], 10);
        Assert.Equal(75.0, r.Metrics["B->A P@1 capped"], 10);
        Assert.Equal(100.0 * 4 / 6, r.Metrics["B->A P@2 capped"], 10); // K_q = 2, 1, 1, 2; hits 2, 1, 0, 1
        Assert.Equal(100.0 * 4 / 6, r.Metrics["B->A P@3 capped"], 10);
        Assert.Equal((100.0 * 2 / 3 + 75.0) / 2, r.Metrics["mean P@1 capped"], 10);

        var table = r.ToPerQueryTable(la, lb);
        Assert.Equal(7, table.Rows.Count);
        var b2 = table.Rows.Single(row => (string)row[1]! == "B->A" && (int)row[2]! == 2);
        Assert.Equal(1, b2[4]);  // one relevant item (a1)
        Assert.Equal(3, b2[5]);  // found at rank 3
        Assert.StartsWith("2 ", (string)b2[6]!);  // top-1 is a2
    }

    [Fact]
    public void MismatchedLabelsAndUnusableCutOffsAreClearErrors()
    {
        using var a = Angles(0, 90);
        using var b = Angles(10, 80);
        var e = Assert.Throws<ArgumentException>(() => CrossDomainRetrieval.Evaluate(a, [0], b, [0, 1], [1]));
        Assert.Contains("one label per row", e.Message);
        e = Assert.Throws<ArgumentException>(() => CrossDomainRetrieval.Evaluate(a, [0, 1], b, [0, 1], [5, 15]));
        Assert.Contains("lower precisionK", e.Message);
    }
}
