using System.Runtime.Intrinsics.X86;
using Workbench.Retrieval;

namespace Workbench.Tests.Retrieval;

/// <summary>
/// The 4-bit fast scan must return exactly the float32 ADC top-k (ties by lowest id) on data made of
/// exact ties and near-ties, including tables whose quantization step is far below the float32
/// rounding of the sums; and the kernel choice must follow the CPU.
/// </summary>
public class PqFastScanTests
{
    /// <summary>
    /// Codebooks of one dimension: codeword j of sub-space s is <paramref name="center"/> + spread·(j + s/7),
    /// so tables are nearly flat around center² (the quantization step is tiny next to the sums) and
    /// float32 sums collide often. Every third item copies an earlier one (exact ties).
    /// </summary>
    private static (PqIndex Index, byte[] Codes, float[] Queries) NearTies(int n, int m, int nq, float center, float spread, int seed)
    {
        var books = new float[m * 16];
        for (int s = 0; s < m; s++)
            for (int j = 0; j < 16; j++) books[s * 16 + j] = center + spread * (j + s / 7f);
        var random = new Random(seed);
        var codes = new byte[n * m];
        for (int i = 0; i < n; i++)
        {
            if (i >= 3 && i % 3 == 0) Array.Copy(codes, random.Next(i) * m, codes, i * m, m);
            else for (int s = 0; s < m; s++) codes[i * m + s] = (byte)random.Next(16);
        }
        var index = new PqIndex(new ProductQuantizer(books, m, 16, 1), PqSubDistance.Squared);
        index.AddCodes(codes);
        var queries = new float[nq * m];
        for (int i = 0; i < queries.Length; i++) queries[i] = (float)(random.NextDouble() * spread * 4);
        return (index, codes, queries);
    }

    /// <summary>Brute force (float32 sums in ascending m, sorted by distance then id), shared with <see cref="PqIndexTests"/>.</summary>
    private static (int Id, float Dist)[] Reference(PqIndex index, byte[] codes, ReadOnlySpan<float> query, int k, int exclude) =>
        PqIndexTests.Reference(index, codes, query, k, exclude);

    public static TheoryData<int, float, float, int> NearTieCases()
    {
        var data = new TheoryData<int, float, float, int>();
        foreach (int m in new[] { 3, 8, 16 })
        {
            data.Add(m, 0f, 1f, 10);      // integer-ish tables: many exact ties
            data.Add(m, 30f, 1e-3f, 100); // near-ties: sums ~900·M apart by ~1e-4
            data.Add(m, 1000f, 1e-4f, 7); // step far below the float32 rounding of the sums
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NearTieCases))]
    public void Both_fast_scan_paths_equal_brute_force_on_ties_and_near_ties(int m, float center, float spread, int top)
    {
        const int n = 3001, nq = 11;
        var (index, codes, queries) = NearTies(n, m, nq, center, spread, seed: m + top);
        float[] self = index.Quantizer.Decode(tensor(codes, [n, m])).data<float>().ToArray();
        foreach (PqScanKernel kernel in new[] { PqScanKernel.FastScan, PqScanKernel.FastScanAvx2 })
        {
            index.Kernel = kernel;
            SearchHits hits = index.Search(queries, top);
            SearchHits hitsSelf = index.Search(self.AsSpan(0, 40 * m).ToArray(), top); // the first 40 items as queries
            for (int q = 0; q < nq; q++)
            {
                var expected = Reference(index, codes, queries.AsSpan(q * m, m), top, -1);
                Assert.Equal(expected.Select(e => e.Id), hits.IdsOf(q).ToArray());
                Assert.Equal(expected.Select(e => e.Dist), hits.ScoresOf(q).ToArray());
            }
            for (int q = 0; q < 40; q++)
                Assert.Equal(Reference(index, codes, self.AsSpan(q * m, m), top, -1).Select(e => e.Id), hitsSelf.IdsOf(q).ToArray());
        }
    }

    [Fact]
    public void Self_exclusion_and_a_depth_beyond_the_first_compaction_stay_exact()
    {
        // k = 700 keeps the candidate buffer compacting and growing; queries are the items themselves.
        const int n = 2000, m = 8, k = 700;
        var (index, codes, _) = NearTies(n, m, 1, 5f, 0.01f, seed: 3);
        float[] self = index.Quantizer.Decode(tensor(codes, [n, m])).data<float>().ToArray();
        foreach (PqScanKernel kernel in new[] { PqScanKernel.FastScan, PqScanKernel.FastScanAvx2 })
        {
            index.Kernel = kernel;
            SearchHits hits = index.Search(self, k, excludeSelf: true);
            foreach (int q in new[] { 0, 1, 31, 32, 999, 1999 })
                Assert.Equal(Reference(index, codes, self.AsSpan(q * m, m), k, q).Select(e => e.Id), hits.IdsOf(q).ToArray());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Large_scans_stay_exact_whether_the_sampled_limit_holds_or_must_be_dropped(bool planted)
    {
        // 20,000 items (625 blocks): the scan first guesses a limit from every 8th block. Random codes
        // make the guess hold; 20 zero-distance items planted only in sampled blocks make it too low
        // (fewer than k items lie under it), so the scan must notice and run again without it.
        const int n = 20_000, m = 8, k = 50;
        var books = new float[m * 16];
        for (int s = 0; s < m; s++)
            for (int j = 0; j < 16; j++) books[s * 16 + j] = j;
        var random = new Random(planted ? 1 : 2);
        var codes = new byte[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int s = 0; s < m; s++) codes[i * m + s] = (byte)(planted ? 5 + random.Next(11) : random.Next(16));
        }
        if (planted)
        {
            for (int p = 0; p < 20; p++)
            {
                int id = p * 24 * PqFastScan.BlockSize + p; // blocks 0, 24, 48, ...: every 8th block is sampled
                Array.Clear(codes, id * m, m);
            }
        }
        var index = new PqIndex(new ProductQuantizer(books, m, 16, 1), PqSubDistance.Squared);
        index.AddCodes(codes);
        float[] queries = [0, 0, 0, 0, 0, 0, 0, 0, .. Enumerable.Range(0, 3 * m).Select(_ => (float)(random.NextDouble() * 15))];
        foreach (PqScanKernel kernel in new[] { PqScanKernel.FastScan, PqScanKernel.FastScanAvx2 })
        {
            index.Kernel = kernel;
            SearchHits hits = index.Search(queries, k);
            for (int q = 0; q < 4; q++)
            {
                var expected = Reference(index, codes, queries.AsSpan(q * m, m), k, -1);
                Assert.Equal(expected.Select(e => e.Id), hits.IdsOf(q).ToArray());
                Assert.Equal(expected.Select(e => e.Dist), hits.ScoresOf(q).ToArray());
            }
        }
    }

    [Fact]
    public void Candidates_keep_every_item_within_the_slack_of_the_kth_quantized_sum()
    {
        var random = new Random(5);
        int[] sums = Enumerable.Range(0, 5000).Select(_ => random.Next(3000)).ToArray();
        var candidates = new QuantizedCandidates(50);
        candidates.Reset(slack: 9);
        for (int id = 0; id < sums.Length; id++)
        {
            if (sums[id] < candidates.Limit) candidates.Add(sums[id], id);
        }
        var kept = candidates.Finish().ToArray().Select(key => (int)(uint)key).ToHashSet();
        int kth = sums.Order().ElementAt(49);
        var needed = Enumerable.Range(0, sums.Length).Where(id => sums[id] <= kth + 9).ToList();
        Assert.All(needed, id => Assert.Contains(id, kept));
        Assert.All(kept, id => Assert.True(sums[id] <= kth + 9, $"item {id} (sum {sums[id]}) is above Q_k + slack = {kth + 9}"));
        Assert.Equal(kth + 10, candidates.Limit);
    }

    [Fact]
    public void Auto_picks_the_256_bit_fast_scan_on_an_avx2_only_cpu_and_the_512_bit_one_with_avx512()
    {
        Assert.Equal(PqScanKernel.FastScanAvx2, PqScan.Resolve(PqScanKernel.Auto, 16, 8, avx512: false, avx2: true, bmi2: true));
        Assert.Equal(PqScanKernel.FastScanAvx2, PqScan.Resolve(PqScanKernel.FastScan, 16, 8, avx512: false, avx2: true, bmi2: true));
        Assert.Equal(PqScanKernel.FastScan, PqScan.Resolve(PqScanKernel.Auto, 16, 8, avx512: true, avx2: true, bmi2: true));
        Assert.Equal(PqScanKernel.FastScanAvx2, PqScan.Resolve(PqScanKernel.FastScanAvx2, 16, 8, avx512: true, avx2: true, bmi2: true));
        // No BMI2 or no AVX2: the permute kernel or the scalar loop; K = 256: the scalar loop.
        Assert.Equal(PqScanKernel.Avx2, PqScan.Resolve(PqScanKernel.Auto, 16, 8, avx512: false, avx2: true, bmi2: false));
        Assert.Equal(PqScanKernel.Scalar, PqScan.Resolve(PqScanKernel.Auto, 16, 8, avx512: false, avx2: false, bmi2: false));
        Assert.Equal(PqScanKernel.Scalar, PqScan.Resolve(PqScanKernel.Auto, 256, 8, avx512: false, avx2: true, bmi2: true));
        // This machine: Auto is what its instruction sets give.
        bool wide = Avx512F.IsSupported && Avx512BW.IsSupported;
        if (Avx2.IsSupported && Bmi2.IsSupported)
            Assert.Equal(wide ? PqScanKernel.FastScan : PqScanKernel.FastScanAvx2, PqScan.Resolve(PqScanKernel.Auto, 16, 8));
    }
}
