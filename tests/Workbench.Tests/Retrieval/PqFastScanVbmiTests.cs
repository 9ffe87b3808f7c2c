using System.Runtime.Intrinsics.X86;
using Workbench.Retrieval;

namespace Workbench.Tests.Retrieval;

/// <summary>
/// The byte-table fast scan for K = 256 (AVX-512 VBMI) must return exactly the float32 ADC top-k
/// (same ids in the same order, ties by lowest id, same distances) as a brute-force loop and as the
/// float kernels, on random codes, codes drawn from a few values (many exact ties), near-flat
/// tables, with self-exclusion, N not a multiple of the 64-item block, and 1 or 2 threads; and the
/// kernel choice must follow the CPU. On a CPU without VBMI the requested kernel falls back to what
/// Auto picks, so the same assertions then check the fallback.
/// </summary>
public class PqFastScanVbmiTests
{
    /// <summary>How a case's codebooks and codes are drawn.</summary>
    public enum Data
    {
        /// <summary>Gaussian codebooks (d = 2), uniform codes over 0..K − 1.</summary>
        Random,

        /// <summary>Gaussian codebooks, codes drawn from four values per sub-space: most distances tie exactly.</summary>
        FewValues,

        /// <summary>One-dimensional codebooks 30 + 10⁻³·(j + s/7): tables nearly flat, sums ~900·M apart by ~10⁻⁴.</summary>
        NearTies,
    }

    private static (PqIndex Index, byte[] Codes, float[] Queries) Build(int n, int m, int codewords, int nq, Data data, int seed)
    {
        var random = new Random(seed);
        int d = data == Data.NearTies ? 1 : 2;
        float[] books = data == Data.NearTies
            ? Enumerable.Range(0, m * codewords).Select(i => 30f + 1e-3f * (i % codewords + i / codewords / 7f)).ToArray()
            : BruteForce.Gaussian(seed, m * codewords, d).Select(v => (float)v).ToArray();
        var few = new byte[m * 4];
        random.NextBytes(few);
        var codes = new byte[n * m];
        for (int i = 0; i < n; i++)
        {
            // Every third item copies an earlier one: identical codes give exactly tied distances.
            if (i >= 3 && i % 3 == 0) Array.Copy(codes, random.Next(i) * m, codes, i * m, m);
            else
            {
                for (int s = 0; s < m; s++)
                    codes[i * m + s] = (byte)(data == Data.FewValues ? few[s * 4 + random.Next(4)] % codewords : random.Next(codewords));
            }
        }
        var index = new PqIndex(new ProductQuantizer(books, m, codewords, d), PqSubDistance.Squared);
        index.AddCodes(codes);
        float[] queries = data == Data.NearTies
            ? Enumerable.Range(0, nq * m).Select(_ => (float)(30 + random.NextDouble() * 4e-3)).ToArray()
            : BruteForce.Gaussian(seed + 1, nq, m * d).Select(v => (float)v).ToArray();
        return (index, codes, queries);
    }

    public static TheoryData<int, int, Data> Cases()
    {
        var data = new TheoryData<int, int, Data>();
        foreach (int m in new[] { 4, 8, 16 })
            foreach (int k in new[] { 1, 10, 100 })
                foreach (Data kind in Enum.GetValues<Data>())
                    data.Add(m, k, kind);
        return data;
    }

    /// <summary>Asserts that two searches return the same ids and bit-identical distances for every query.</summary>
    private static void AssertSame(SearchHits expected, SearchHits actual, string label)
    {
        Assert.Equal(expected.QueryCount, actual.QueryCount);
        for (int q = 0; q < expected.QueryCount; q++)
        {
            Assert.True(expected.IdsOf(q).SequenceEqual(actual.IdsOf(q)), $"{label}: ids of query {q} differ");
            Assert.True(expected.ScoresOf(q).SequenceEqual(actual.ScoresOf(q)), $"{label}: distances of query {q} differ");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Byte_fast_scan_equals_brute_force_and_the_float_kernels_at_k256(int m, int k, Data data)
    {
        const int n = 3001, nq = 9; // 3001 = 46 blocks of 64 and 57 items
        var (index, codes, queries) = Build(n, m, 256, nq, data, seed: 10 * m + k);
        index.Kernel = PqScanKernel.Scalar;
        SearchHits scalar = index.Search(queries, k);
        int dim = index.Quantizer.Dimension;
        for (int q = 0; q < nq; q++)
        {
            var expected = PqIndexTests.Reference(index, codes, queries.AsSpan(q * dim, dim), k, -1);
            Assert.Equal(expected.Select(e => e.Id), scalar.IdsOf(q).ToArray());
            Assert.Equal(expected.Select(e => e.Dist), scalar.ScoresOf(q).ToArray());
        }
        if (Avx512F.IsSupported && Avx512BW.IsSupported)
        {
            index.Kernel = PqScanKernel.Avx512;
            AssertSame(scalar, index.Search(queries, k), "Avx512 permute kernel");
        }
        index.Kernel = PqScanKernel.FastScanVbmi;
        foreach (int threads in new[] { 1, 2 })
        {
            index.MaxDegreeOfParallelism = threads;
            AssertSame(scalar, index.Search(queries, k), $"FastScanVbmi, {threads} threads");
        }
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(8, 10)]
    [InlineData(16, 100)]
    public void Self_exclusion_with_few_code_values_stays_exact(int m, int k)
    {
        // The queries are the decoded items themselves (distance 0 to themselves, many exact ties).
        const int n = 1000;
        var (index, codes, _) = Build(n, m, 256, 1, Data.FewValues, seed: m);
        float[] self = index.Quantizer.Decode(tensor(codes, [n, m])).data<float>().ToArray();
        index.Kernel = PqScanKernel.Scalar;
        SearchHits scalar = index.Search(self, k, excludeSelf: true);
        foreach (int q in new[] { 0, 1, 63, 64, 999 })
            Assert.Equal(PqIndexTests.Reference(index, codes, self.AsSpan(q * m * 2, m * 2), k, q).Select(e => e.Id), scalar.IdsOf(q).ToArray());
        index.Kernel = PqScanKernel.FastScanVbmi;
        foreach (int threads in new[] { 1, 2 })
        {
            index.MaxDegreeOfParallelism = threads;
            SearchHits hits = index.Search(self, k, excludeSelf: true);
            AssertSame(scalar, hits, $"FastScanVbmi, {threads} threads");
            for (int q = 0; q < n; q++) Assert.DoesNotContain(q, hits.IdsOf(q).ToArray());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Large_scans_stay_exact_whether_the_sampled_limit_holds_or_must_be_dropped(bool planted)
    {
        // 40,037 items (626 blocks of 64): the scan first guesses a limit from every 8th block.
        // Planted zero-distance items only in sampled blocks make the guess too low, so the scan
        // must notice and run again without it.
        const int n = 40_037, m = 8, k = 50;
        var books = new float[m * 256];
        for (int s = 0; s < m; s++)
            for (int j = 0; j < 256; j++) books[s * 256 + j] = j / 16f;
        var random = new Random(planted ? 1 : 2);
        var codes = new byte[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int s = 0; s < m; s++) codes[i * m + s] = (byte)(planted ? 80 + random.Next(176) : random.Next(256));
        }
        if (planted)
        {
            for (int p = 0; p < 20; p++) Array.Clear(codes, (p * 24 * PqFastScanVbmi.BlockSize + p) * m, m); // blocks 0, 24, 48, ...
        }
        var index = new PqIndex(new ProductQuantizer(books, m, 256, 1), PqSubDistance.Squared);
        index.AddCodes(codes);
        float[] queries = [0, 0, 0, 0, 0, 0, 0, 0, .. Enumerable.Range(0, 3 * m).Select(_ => (float)(random.NextDouble() * 16))];
        index.Kernel = PqScanKernel.FastScanVbmi;
        SearchHits hits = index.Search(queries, k);
        for (int q = 0; q < 4; q++)
        {
            var expected = PqIndexTests.Reference(index, codes, queries.AsSpan(q * m, m), k, -1);
            Assert.Equal(expected.Select(e => e.Id), hits.IdsOf(q).ToArray());
            Assert.Equal(expected.Select(e => e.Dist), hits.ScoresOf(q).ToArray());
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(40)]
    [InlineData(200)]
    public void Other_codebook_sizes_and_codes_added_after_a_search_stay_exact(int codewords)
    {
        const int m = 8, k = 10;
        var (index, codes, queries) = Build(700, m, codewords, 5, Data.Random, seed: codewords);
        index.Kernel = PqScanKernel.FastScanVbmi;
        index.Search(queries, k);
        var more = new byte[130 * m];
        new Random(codewords).NextBytes(more);
        for (int i = 0; i < more.Length; i++) more[i] = (byte)(more[i] % codewords);
        index.AddCodes(more);
        byte[] all = [.. codes, .. more];
        SearchHits hits = index.Search(queries, k);
        for (int q = 0; q < 5; q++)
            Assert.Equal(PqIndexTests.Reference(index, all, queries.AsSpan(q * m * 2, m * 2), k, -1).Select(e => e.Id), hits.IdsOf(q).ToArray());
    }

    [Fact]
    public void Quantized_tables_round_half_to_even_and_pad_to_the_256_byte_stride()
    {
        // Row 0 spans 0..255 (step Δ = 1), so x.5 entries are exact halves; row 1 is random.
        const int m = 2, codewords = 200;
        var random = new Random(4);
        var table = new float[m * codewords];
        for (int c = 0; c < codewords; c++)
        {
            table[c] = c == 0 ? 0f : c == 1 ? 255f : (c % 7) + 0.5f;
            table[codewords + c] = (float)(random.NextDouble() * 200 - 20);
        }
        var lut = new byte[m * PqFastScanVbmi.LutStride];
        lut.AsSpan().Fill(0xAB);
        double inverse = PqFastScan.Quantize(table, m, codewords, lut, PqFastScanVbmi.LutStride);
        double range = Math.Max(255.0, (double)table.Skip(codewords).Max() - table.Skip(codewords).Min());
        Assert.Equal(255.0 / range, inverse);
        for (int s = 0; s < m; s++)
        {
            float lo = table.Skip(s * codewords).Take(codewords).Min();
            for (int c = 0; c < PqFastScanVbmi.LutStride; c++)
            {
                byte expected = c < codewords ? (byte)Math.Clamp(Math.Round(((double)table[s * codewords + c] - lo) * inverse), 0, 255) : (byte)0;
                Assert.Equal(expected, lut[s * PqFastScanVbmi.LutStride + c]);
            }
        }
        Assert.Equal(2, lut[2]);  // 2.5 rounds to 2
        Assert.Equal(4, lut[3]);  // 3.5 rounds to 4
    }

    [Fact]
    public void Auto_picks_the_byte_fast_scan_for_large_k_only_where_the_cpu_has_vbmi()
    {
        // K = 256 and 16 < K < 256: the byte fast scan with VBMI, else the scalar loop.
        Assert.Equal(PqScanKernel.FastScanVbmi, PqScan.Resolve(PqScanKernel.Auto, 256, 8, avx512: true, avx2: true, bmi2: true, vbmi: true));
        Assert.Equal(PqScanKernel.FastScanVbmi, PqScan.Resolve(PqScanKernel.Auto, 40, 16, avx512: true, avx2: true, bmi2: true, vbmi: true));
        Assert.Equal(PqScanKernel.FastScanVbmi, PqScan.Resolve(PqScanKernel.FastScan, 256, 8, avx512: true, avx2: true, bmi2: true, vbmi: true));
        Assert.Equal(PqScanKernel.Scalar, PqScan.Resolve(PqScanKernel.Auto, 256, 8, avx512: true, avx2: true, bmi2: true, vbmi: false));
        Assert.Equal(PqScanKernel.Scalar, PqScan.Resolve(PqScanKernel.Auto, 256, 8, avx512: false, avx2: true, bmi2: true, vbmi: false));
        Assert.Equal(PqScanKernel.Scalar, PqScan.Resolve(PqScanKernel.FastScanVbmi, 256, 8, avx512: false, avx2: true, bmi2: true, vbmi: false));
        // 16-bit sums overflow beyond M = 128: the scalar loop.
        Assert.Equal(PqScanKernel.Scalar, PqScan.Resolve(PqScanKernel.Auto, 256, 129, avx512: true, avx2: true, bmi2: true, vbmi: true));
        // K ≤ 16 keeps the 4-bit fast scan under Auto; the byte scan runs there only when asked for.
        Assert.Equal(PqScanKernel.FastScan, PqScan.Resolve(PqScanKernel.Auto, 16, 8, avx512: true, avx2: true, bmi2: true, vbmi: true));
        Assert.Equal(PqScanKernel.FastScanVbmi, PqScan.Resolve(PqScanKernel.FastScanVbmi, 16, 8, avx512: true, avx2: true, bmi2: true, vbmi: true));
        Assert.Equal(PqScanKernel.FastScanAvx2, PqScan.Resolve(PqScanKernel.FastScanVbmi, 16, 8, avx512: false, avx2: true, bmi2: true, vbmi: false));
        // This machine: Auto is what its instruction sets give.
        bool vbmi = Avx512F.IsSupported && Avx512BW.IsSupported && Avx512Vbmi.IsSupported;
        Assert.Equal(vbmi ? PqScanKernel.FastScanVbmi : PqScanKernel.Scalar, PqScan.Resolve(PqScanKernel.Auto, 256, 8));
    }
}
