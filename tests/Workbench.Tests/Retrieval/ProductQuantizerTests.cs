using Workbench.Clustering;
using Workbench.Retrieval;

namespace Workbench.Tests.Retrieval;

public class ProductQuantizerTests
{
    private static ProductQuantizer RandomQuantizer(int m, int k, int d, int seed)
    {
        var books = BruteForce.Gaussian(seed, m * k, d).Select(v => (float)v).ToArray();
        return new ProductQuantizer(books, m, k, d);
    }

    private static byte[] RandomCodes(int n, int m, int k, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n * m).Select(_ => (byte)random.Next(k)).ToArray();
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Encode_and_decode_are_exact_on_codewords(ScalarType dtype)
    {
        var pq = RandomQuantizer(4, 16, 3, seed: 1);
        byte[] codes = RandomCodes(50, 4, 16, seed: 2);
        using var codeTensor = tensor(codes, [50, 4]);
        using var decoded = pq.Decode(codeTensor);
        // Decoding is a lookup: every sub-vector equals its codeword.
        float[] x = decoded.data<float>().ToArray();
        for (int i = 0; i < 50; i++)
            for (int m = 0; m < 4; m++)
                Assert.Equal(pq.Codeword(m, codes[i * 4 + m]).ToArray(), x.AsSpan(i * 12 + m * 3, 3).ToArray());
        using var encoded = pq.Encode(decoded.to(dtype));
        Assert.Equal(ScalarType.Byte, encoded.dtype);
        Assert.Equal(codes, encoded.data<byte>().ToArray());
    }

    [Fact]
    public void Reconstruction_error_falls_as_m_grows()
    {
        using var x = randn(600, 16, generator: new Generator(3));
        double previous = double.MaxValue;
        foreach (int m in new[] { 1, 2, 4, 8, 16 })
        {
            var pq = ProductQuantizer.Train(x, m, 16, new KMeansOptions { Clusters = 16, MaxIterations = 20, Seed = 7 });
            using var codes = pq.Encode(x);
            using var back = pq.Decode(codes);
            double mse = back.sub(x).pow(2).mean().item<float>();
            Assert.True(mse < previous, $"M = {m}: MSE {mse} did not fall below {previous}");
            previous = mse;
        }
    }

    [Fact]
    public void Training_is_deterministic_by_seed()
    {
        using var x = randn(200, 8, generator: new Generator(4));
        var options = new KMeansOptions { Clusters = 8, Seed = 5, MaxIterations = 10 };
        var a = ProductQuantizer.Train(x, 2, 8, options);
        var b = ProductQuantizer.Train(x, 2, 8, options);
        Assert.Equal(a.Codebooks.ToArray(), b.Codebooks.ToArray());
    }

    [Theory]
    [InlineData(PqSubDistance.Squared, ScalarType.Float32)]
    [InlineData(PqSubDistance.Squared, ScalarType.Float64)]
    [InlineData(PqSubDistance.Euclidean, ScalarType.Float32)]
    [InlineData(PqSubDistance.Euclidean, ScalarType.Float64)]
    public void Adc_distances_equal_brute_force_distances_to_decoded_vectors(PqSubDistance kind, ScalarType dtype)
    {
        const int m = 4, k = 8, d = 3, n = 30, nq = 6;
        var pq = RandomQuantizer(m, k, d, seed: 8);
        byte[] codes = RandomCodes(n, m, k, seed: 9);
        double[] queries = BruteForce.Gaussian(10, nq, m * d);
        using var qt = BruteForce.ToTensor(queries, nq, m * d, dtype);
        using var tables = pq.DistanceTables(qt, kind);
        Assert.Equal(new long[] { nq, m, k }, tables.shape);
        float[] t = tables.data<float>().ToArray();
        using var decodedT = pq.Decode(tensor(codes, [n, m]));
        float[] decoded = decodedT.data<float>().ToArray();
        var table = new float[m * k];
        for (int q = 0; q < nq; q++)
        {
            pq.ComputeDistanceTable(queries.AsSpan(q * m * d, m * d).ToArray().Select(v => (float)v).ToArray(), table, kind);
            for (int j = 0; j < m * k; j++) Assert.Equal(t[q * m * k + j], table[j], 1e-5f);
            for (int i = 0; i < n; i++)
            {
                // Brute force: squared distance to the decoded vector, or SPQ's sum of sub-space norms.
                double expected = 0;
                for (int s = 0; s < m; s++)
                {
                    double sub = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double diff = (float)queries[q * m * d + s * d + j] - decoded[i * m * d + s * d + j];
                        sub += diff * diff;
                    }
                    expected += kind == PqSubDistance.Squared ? sub : Math.Sqrt(sub);
                }
                double adc = 0;
                for (int s = 0; s < m; s++) adc += table[s * k + codes[i * m + s]];
                Assert.Equal(expected, adc, 1e-4);
            }
        }
    }

    [Theory]
    [InlineData(PqSubDistance.Squared)]
    [InlineData(PqSubDistance.Euclidean)]
    public void Symmetric_distances_equal_sums_over_decoded_codewords(PqSubDistance kind)
    {
        var pq = RandomQuantizer(3, 5, 2, seed: 12);
        byte[] a = RandomCodes(7, 3, 5, 13), b = RandomCodes(9, 3, 5, 14);
        using var sdc = pq.SymmetricDistances(tensor(a, [7, 3]), tensor(b, [9, 3]), kind);
        float[] got = sdc.data<float>().ToArray();
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 9; j++)
            {
                double expected = 0;
                for (int s = 0; s < 3; s++)
                {
                    var u = pq.Codeword(s, a[i * 3 + s]);
                    var v = pq.Codeword(s, b[j * 3 + s]);
                    double sq = (u[0] - v[0]) * (u[0] - v[0]) + (u[1] - v[1]) * (u[1] - v[1]);
                    expected += kind == PqSubDistance.Squared ? sq : Math.Sqrt(sq);
                }
                Assert.Equal(expected, got[i * 9 + j], 1e-4);
            }
    }

    [Fact]
    public void Bad_shapes_and_codes_are_rejected()
    {
        var pq = RandomQuantizer(2, 4, 3, seed: 1);
        using var wrong = randn(3, 5);
        Assert.Contains("[N, 6]", Assert.Throws<ArgumentException>(() => pq.Encode(wrong)).Message);
        using var big = tensor(new byte[] { 0, 4 }, [1, 2]);
        Assert.Contains("outside [0, 4)", Assert.Throws<ArgumentException>(() => pq.Decode(big)).Message);
        Assert.Throws<ArgumentException>(() => new ProductQuantizer(new float[10], 2, 4, 3));
        Assert.Throws<ArgumentException>(() => new ProductQuantizer(new float[2 * 300 * 1], 2, 300, 1));
    }
}
