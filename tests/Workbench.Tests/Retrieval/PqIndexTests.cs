using System.Runtime.Intrinsics.X86;
using Workbench.Metrics;
using Workbench.Retrieval;

namespace Workbench.Tests.Retrieval;

public class PqIndexTests
{
    public static TheoryData<PqScanKernel, int, PqSubDistance> Kernels()
    {
        var data = new TheoryData<PqScanKernel, int, PqSubDistance>();
        var kernels = new List<PqScanKernel> { PqScanKernel.Scalar };
        if (Avx2.IsSupported) kernels.Add(PqScanKernel.Avx2);
        if (Avx512F.IsSupported && Avx512BW.IsSupported) kernels.Add(PqScanKernel.Avx512);
        kernels.Add(PqScanKernel.FastScan);
        kernels.Add(PqScanKernel.FastScanAvx2);
        kernels.Add(PqScanKernel.FastScanVbmi);
        foreach (var kernel in kernels)
            foreach (int k in new[] { 5, 16, 40, 256 })
                foreach (var kind in new[] { PqSubDistance.Squared, PqSubDistance.Euclidean })
                    data.Add(kernel, k, kind);
        return data;
    }

    private static (PqIndex Index, byte[] Codes, float[] Queries) Build(int n, int m, int k, int d, int nq, PqSubDistance kind, int seed)
    {
        var books = BruteForce.Gaussian(seed, m * k, d).Select(v => (float)v).ToArray();
        var pq = new ProductQuantizer(books, m, k, d);
        var random = new Random(seed + 1);
        var codes = new byte[n * m];
        for (int i = 0; i < n; i++)
        {
            // Every fifth item copies an earlier one: identical codes give exactly tied distances.
            if (i >= 5 && i % 5 == 0) Array.Copy(codes, random.Next(i) * m, codes, i * m, m);
            else for (int s = 0; s < m; s++) codes[i * m + s] = (byte)random.Next(k);
        }
        var index = new PqIndex(pq, kind);
        index.AddCodes(codes);
        float[] queries = BruteForce.Gaussian(seed + 2, nq, m * d).Select(v => (float)v).ToArray();
        return (index, codes, queries);
    }

    /// <summary>Brute-force top-k: Σ_m table[m, code] in ascending m in float32, sorted by (distance, id).</summary>
    internal static (int Id, float Dist)[] Reference(PqIndex index, byte[] codes, ReadOnlySpan<float> query, int k, int exclude)
    {
        var pq = index.Quantizer;
        int m = pq.SubspaceCount, kw = pq.CodewordCount;
        var table = new float[m * kw];
        pq.ComputeDistanceTable(query, table, index.SubDistance);
        var all = new List<(int Id, float Dist)>();
        for (int i = 0; i < index.Count; i++)
        {
            if (i == exclude) continue;
            float sum = 0;
            for (int s = 0; s < m; s++) sum += table[s * kw + codes[i * m + s]];
            all.Add((i, sum));
        }
        return all.OrderBy(x => x.Dist).ThenBy(x => x.Id).Take(k).ToArray();
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Index_top_k_equals_brute_force_top_k(PqScanKernel kernel, int k, PqSubDistance kind)
    {
        const int n = 1013, m = 6, d = 2, nq = 9, top = 37; // n is not a multiple of the 16-item block
        var (index, codes, queries) = Build(n, m, k, d, nq, kind, seed: k);
        index.Kernel = kernel;
        SearchHits hits = index.Search(queries, top);
        Assert.False(hits.HigherIsBetter);
        for (int q = 0; q < nq; q++)
        {
            var expected = Reference(index, codes, queries.AsSpan(q * m * d, m * d).ToArray(), top, -1);
            Assert.Equal(expected.Select(e => e.Id), hits.IdsOf(q).ToArray());
            Assert.Equal(expected.Select(e => e.Dist), hits.ScoresOf(q).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Full_depth_and_self_exclusion_rank_every_other_item(PqScanKernel kernel, int k, PqSubDistance kind)
    {
        const int n = 40, m = 3, d = 2;
        var (index, codes, _) = Build(n, m, k, d, 1, kind, seed: 100 + k);
        index.Kernel = kernel;
        float[] self = index.Quantizer.Decode(tensor(codes, [n, m])).data<float>().ToArray();
        SearchHits hits = index.Search(self, 1000, excludeSelf: true);
        Assert.Equal(n - 1, hits.Depth);
        for (int q = 0; q < n; q++)
        {
            var expected = Reference(index, codes, self.AsSpan(q * m * d, m * d).ToArray(), n, q);
            Assert.Equal(expected.Select(e => e.Id), hits.IdsOf(q).ToArray());
        }
    }

    [Theory]
    [InlineData(3, 16, PqSubDistance.Squared)]
    [InlineData(8, 16, PqSubDistance.Squared)]
    [InlineData(16, 16, PqSubDistance.Euclidean)]
    [InlineData(5, 7, PqSubDistance.Euclidean)]
    public void Fast_scan_returns_the_exact_adc_top_k_with_ties_by_id(int m, int k, PqSubDistance kind)
    {
        // 2,501 items (not a multiple of the 32-item block), every fifth a copy (exact ties); the
        // quantized scan must re-rank to exactly the scalar kernel's answer, with and without self-exclusion.
        const int n = 2501, d = 2, nq = 13, top = 50;
        var (index, codes, queries) = Build(n, m, k, d, nq, kind, seed: 7 * m + k);
        index.Kernel = PqScanKernel.Scalar;
        SearchHits exact = index.Search(queries, top);
        float[] self = index.Quantizer.Decode(tensor(codes, [n, m])).data<float>().ToArray();
        SearchHits exactSelf = index.Search(self, top, excludeSelf: true);
        foreach (PqScanKernel fast in new[] { PqScanKernel.FastScan, PqScanKernel.FastScanAvx2 })
        {
            index.Kernel = fast;
            SearchHits hits = index.Search(queries, top);
            Assert.Equal(exact.Ids, hits.Ids);
            Assert.Equal(exact.Scores, hits.Scores);
            SearchHits hitsSelf = index.Search(self, top, excludeSelf: true);
            Assert.Equal(exactSelf.Ids, hitsSelf.Ids);
            Assert.Equal(exactSelf.Scores, hitsSelf.Scores);
        }
    }

    [Fact]
    public void Fast_scan_sees_codes_added_after_a_search()
    {
        var (index, codes, queries) = Build(100, 4, 16, 2, 3, PqSubDistance.Squared, seed: 11);
        index.Kernel = PqScanKernel.FastScan;
        _ = index.Search(queries, 5);
        index.AddCodes(codes.AsSpan(0, 4)); // item 100 copies item 0
        var reference = Reference(index, [.. codes, .. codes.AsSpan(0, 4)], queries.AsSpan(0, 8).ToArray(), 101, -1);
        Assert.Equal(reference.Select(e => e.Id), index.Search(queries.AsSpan(0, 8).ToArray(), 101).IdsOf(0).ToArray());
    }

    [Fact]
    public void Adding_vectors_encodes_them_and_codes_round_trip()
    {
        var (index, codes, _) = Build(50, 4, 16, 2, 1, PqSubDistance.Squared, seed: 3);
        Assert.Equal(codes, index.GetCodes());
        using var x = randn(21, 8);
        index.Add(x);
        Assert.Equal(71, index.Count);
        using var expected = index.Quantizer.Encode(x);
        Assert.Equal(expected.data<byte>().ToArray(), index.GetCodes().AsSpan(50 * 4).ToArray());
        Assert.Throws<ArgumentException>(() => index.AddCodes(new byte[] { 0, 1, 2 }));
        Assert.Contains("not below K", Assert.Throws<ArgumentException>(() => index.AddCodes(new byte[] { 0, 1, 2, 16 })).Message);
    }

    [Fact]
    public void Ranking_from_the_index_feeds_the_metrics()
    {
        var (index, _, queries) = Build(300, 4, 16, 2, 12, PqSubDistance.Euclidean, seed: 5);
        int[] dbClasses = BruteForce.Classes(1, 300, 4), qClasses = BruteForce.Classes(2, 12, 4);
        using var q = tensor(queries, [12, 8]);
        var ranking = RankingResult.FromIndex(index, q, Relevance.SameClass(qClasses, dbClasses), depth: 100);
        SearchHits hits = index.Search(queries, 100);
        Assert.Equal(hits.Ids, ranking.Hits.Ids);
        double expected = Enumerable.Range(0, 12).Average(i =>
            BruteForce.AveragePrecision(hits.IdsOf(i).ToArray().Select(id => dbClasses[id] == qClasses[i]).ToArray(), 100));
        Assert.Equal(expected, MeanAveragePrecision.AtK(ranking, 100).Value, 12);
    }

    [Fact]
    public void Save_and_load_round_trip()
    {
        var (index, codes, queries) = Build(77, 5, 256, 3, 4, PqSubDistance.Euclidean, seed: 6);
        using var stream = new MemoryStream();
        index.Save(stream);
        stream.Position = 0;
        PqIndex loaded = PqIndex.Load(stream);
        Assert.Equal(index.SubDistance, loaded.SubDistance);
        Assert.Equal(index.Quantizer.Codebooks.ToArray(), loaded.Quantizer.Codebooks.ToArray());
        Assert.Equal(codes, loaded.GetCodes());
        Assert.Equal(index.Search(queries, 10).Ids, loaded.Search(queries, 10).Ids);

        string path = Path.Combine(Path.GetTempPath(), $"wb-pq-{Guid.NewGuid():N}.pq");
        try
        {
            index.Save(path);
            Assert.Equal(codes, PqIndex.Load(path).GetCodes());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Truncated_foreign_corrupted_and_future_files_are_rejected()
    {
        var (index, _, _) = Build(20, 2, 16, 2, 1, PqSubDistance.Squared, seed: 7);
        using var ms = new MemoryStream();
        index.Save(ms);
        byte[] good = ms.ToArray();

        foreach (int cut in new[] { 3, 20, 60, good.Length - 1 })
        {
            var e = Assert.Throws<InvalidDataException>(() => PqIndex.Load(new MemoryStream(good[..cut])));
            Assert.Contains(cut < 8 ? "Not a Workbench PQ index" : "truncated", e.Message);
        }
        var foreign = Assert.Throws<InvalidDataException>(() => PqIndex.Load(new MemoryStream("IxPq and some FAISS bytes"u8.ToArray())));
        Assert.Contains("Not a Workbench PQ index", foreign.Message);

        byte[] flipped = (byte[])good.Clone();
        flipped[^12] ^= 0x01;
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => PqIndex.Load(new MemoryStream(flipped))).Message);

        byte[] future = (byte[])good.Clone();
        future[8] = 99;
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => PqIndex.Load(new MemoryStream(future))).Message);

        byte[] longer = [.. good, 0];
        Assert.Contains("trailing", Assert.Throws<InvalidDataException>(() => PqIndex.Load(new MemoryStream(longer))).Message);
    }

    [Fact]
    public void Bad_queries_are_rejected()
    {
        var (index, _, _) = Build(20, 2, 16, 2, 1, PqSubDistance.Squared, seed: 8);
        Assert.Throws<ArgumentException>(() => index.Search(new float[5], 3));
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => index.Search([float.NaN, 0, 0, 0], 3)).Message);
        Assert.Contains("one query per indexed item", Assert.Throws<ArgumentException>(() => index.Search(new float[4], 3, excludeSelf: true)).Message);
    }
}
