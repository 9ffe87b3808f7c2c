using Workbench.Losses.Distances;
using static TorchSharp.torch;

namespace Workbench.Tests.Losses.Distances;

/// <summary>Pairwise matrices of one set are exactly symmetric (bit for bit) and match a brute-force loop.</summary>
public class SymmetricDistanceTests
{
    public static TheoryData<string, ScalarType, int> Cases()
    {
        var data = new TheoryData<string, ScalarType, int>();
        foreach (var name in new[] { "euclidean", "squared", "cosine", "dot", "cosine-distance" })
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
        foreach (int m in new[] { 128, 300 }) // 300 x 300 x 64 exceeds the direct formula's limit: the mirrored expansion
            data.Add(name, dtype, m);
        return data;
    }

    private static IPairwiseDistance Make(string name) => name switch
    {
        "euclidean" => new EuclideanDistance(),
        "squared" => new SquaredEuclideanDistance(),
        "cosine" => new CosineSimilarity(),
        "dot" => new DotProductSimilarity(),
        _ => new CosineDistance(),
    };

    private static double Brute(string name, double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0, sq = 0;
        for (int k = 0; k < a.Length; k++)
        {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
            sq += (a[k] - b[k]) * (a[k] - b[k]);
        }
        double cos = dot / (Math.Max(Math.Sqrt(na), 1e-12) * Math.Max(Math.Sqrt(nb), 1e-12));
        return name switch { "euclidean" => Math.Sqrt(sq), "squared" => sq, "cosine" => cos, "dot" => dot, _ => 1 - cos };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PairwiseOfOneSet_IsExactlySymmetric_AndMatchesBruteForce(string name, ScalarType dtype, int m)
    {
        using var scope = NewDisposeScope();
        var g = new Generator(7);
        var x = randn([m, 64], generator: g, dtype: ScalarType.Float64).to(dtype);
        var d = Make(name).Pairwise(x);
        Assert.True(d.eq(d.t()).all().item<bool>(), $"{name} ({dtype}, m = {m}) is not exactly symmetric");
        var distance = Make(name);
        if (!distance.IsSimilarity) Assert.True(d.diagonal().eq(0).all().item<bool>(), "the diagonal of a distance is exactly 0");
        var rows = x.to(ScalarType.Float64).data<double>().ToArray();
        var values = d.to(ScalarType.Float64).data<double>().ToArray();
        double tolerance = dtype == ScalarType.Float64 ? 1e-9 : 2e-3;
        for (int i = 0; i < m; i += 37)
        for (int j = 0; j < m; j += 11)
        {
            double expected = Brute(name, rows.AsSpan(i * 64, 64).ToArray(), rows.AsSpan(j * 64, 64).ToArray());
            if (i == j && !distance.IsSimilarity) expected = 0;
            Assert.True(Math.Abs(values[i * m + j] - expected) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{name}[{i},{j}] = {values[i * m + j]}, brute force {expected}");
        }
    }

    [Fact]
    public void SquaredEuclidean_DoesNotDependOnWhereTheRowsLiveInMemory()
    {
        // A matrix-multiply kernel may round differently for differently aligned buffers; the direct formula must not.
        using var scope = NewDisposeScope();
        var x = randn([128, 64], generator: new Generator(3), dtype: ScalarType.Float64);
        var shifted = cat([zeros(1, dtype: ScalarType.Float64), x.flatten()]).narrow(0, 1, 128 * 64).view(128, 64);
        Assert.True(new SquaredEuclideanDistance().Pairwise(x).eq(new SquaredEuclideanDistance().Pairwise(shifted)).all().item<bool>());
    }
}
