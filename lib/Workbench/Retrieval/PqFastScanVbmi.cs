using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Workbench.Retrieval;

/// <summary>
/// ADC for 16 &lt; K ≤ 256 (8-bit codes) with byte look-up tables in registers, made exact by
/// re-ranking — the scheme of <see cref="PqFastScan"/> carried to byte codes with AVX-512 VBMI:
/// <list type="number">
/// <item>Codes are kept in blocks of 64 items, sub-space by sub-space: 64 bytes per sub-space
/// (<see cref="Pack"/>), so one load feeds 64 lanes.</item>
/// <item>Per query, each 256-entry sub-table is shifted by its minimum and quantized to bytes with
/// one common step Δ = max_m range_m / 255 (<see cref="PqFastScan.Quantize"/> with a 256-byte
/// stride), every entry off by at most Δ/2. Entries at or above K are never looked up.</item>
/// <item>The scan looks up 64 codes of one sub-space with two two-register byte permutes
/// (<c>vpermt2b</c>, entries 0..127 and 128..255 by the low seven code bits) and a blend on code
/// bit 7, and accumulates in 16 bits (M·255 ≤ 32767, so M ≤ 128).</item>
/// <item>Items whose quantized sum may still hold an exact top-k item (q ≤ Q_k + slack, the same
/// bound and buffer as the 4-bit scan, <see cref="QuantizedCandidates"/>) get their exact float32
/// distance Σ_m T[m, b_m] in ascending m — the sum the float kernels form — and enter the top-k
/// reservoir.</item>
/// </list>
/// The result is therefore identical to exact ADC, ties included (by lowest id).
/// </summary>
internal static unsafe class PqFastScanVbmi
{
    /// <summary>Items per packed block.</summary>
    public const int BlockSize = 64;

    /// <summary>Bytes of one sub-space's quantized table (K padded to 256).</summary>
    public const int LutStride = 256;

    /// <summary>True when the codes fit this scan (K ≤ 256, 16-bit sums cannot overflow); the CPU also needs AVX-512 VBMI and BW (<see cref="PqScan.Resolve(PqScanKernel, int, int)"/>).</summary>
    public static bool Fits(int subspaces, int codewords) => codewords <= 256 && subspaces * 255 <= short.MaxValue;

    /// <summary>Bytes of one packed block: 64 per sub-space.</summary>
    public static int BlockBytes(int subspaces) => subspaces * BlockSize;

    /// <summary>
    /// Repacks codes from the scan's 16-item interleaved layout (<c>blocked[(id / 16)·16·M + s·16 + id % 16]</c>)
    /// into 64-item blocks (<c>packed[(id / 64)·64·M + s·64 + id % 64]</c>), zero padded to whole blocks.
    /// </summary>
    public static byte[] Pack(ReadOnlySpan<byte> blocked, int count, int subspaces)
    {
        int blocks = (count + BlockSize - 1) / BlockSize;
        var packed = new byte[(long)blocks * BlockBytes(subspaces)];
        for (int id = 0; id < count; id++)
        {
            int source = id / PqScan.BlockSize * PqScan.BlockSize * subspaces + id % PqScan.BlockSize;
            int target = id / BlockSize * BlockSize * subspaces + id % BlockSize;
            for (int s = 0; s < subspaces; s++) packed[target + s * BlockSize] = blocked[source + s * PqScan.BlockSize];
        }
        return packed;
    }

    /// <summary>
    /// The exact ADC top-k of one query: a quantized pass keeps the items whose 16-bit sums may
    /// still hold a top-k item, then only those get their exact float32 distance and enter <paramref name="top"/>.
    /// </summary>
    /// <param name="packed">Codes from <see cref="Pack"/>.</param>
    /// <param name="count">Number of items N.</param>
    /// <param name="subspaces">M.</param>
    /// <param name="codewords">K.</param>
    /// <param name="table">The raw float table <c>[M, K]</c> (exact distances for re-ranking).</param>
    /// <param name="lut">The quantized table <c>[M, 256]</c> from <see cref="PqFastScan.Quantize"/>.</param>
    /// <param name="inverseStep">1/Δ from <see cref="PqFastScan.Quantize"/>.</param>
    /// <param name="candidates">The query's first-pass buffer (reset here), sized for the same k as <paramref name="top"/>.</param>
    /// <param name="top">The query's reservoir (cleared by the caller).</param>
    /// <param name="exclude">An id never offered, or −1.</param>
    public static void Scan(ReadOnlySpan<byte> packed, int count, int subspaces, int codewords, ReadOnlySpan<float> table,
        ReadOnlySpan<byte> lut, double inverseStep, QuantizedCandidates candidates, TopKReservoir top, int exclude)
    {
        if (lut.Length < subspaces * LutStride) throw new ArgumentException("The quantized table is smaller than M x 256.", nameof(lut));
        if (packed.Length < (count + BlockSize - 1) / BlockSize * BlockBytes(subspaces)) throw new ArgumentException("Code buffer is smaller than the padded blocks.", nameof(packed));
        var job = new Job(count, subspaces, exclude);
        int slack = PqFastScan.Slack(table, subspaces, codewords, inverseStep);
        fixed (byte* c = packed)
        fixed (byte* l = lut)
        fixed (float* t = table)
        {
            PqFastScan.Filter(new PermutePass(job, c, l), job.Blocks, count, candidates, slack);
            Rerank(job, codewords, candidates.Finish(), c, t, top);
        }
    }

    private readonly record struct Job(int Count, int M, int Exclude)
    {
        public int Blocks => (Count + BlockSize - 1) / BlockSize;
    }

    /// <summary>The byte-permute pass over 64-item blocks.</summary>
    private readonly struct PermutePass(Job job, byte* codes, byte* lut) : PqFastScan.IQuantizedPass
    {
        public void Run(QuantizedCandidates candidates, int stride) => ScanBlocks(job, codes, lut, candidates, stride);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScanBlocks(Job j, byte* codes, byte* lut, QuantizedCandidates candidates, int stride)
    {
        int m = j.M, blockBytes = BlockBytes(m);
        var limit = Vector512.Create(candidates.Limit);
        for (int b = 0; b < j.Blocks; b += stride)
        {
            byte* cb = codes + (long)b * blockBytes;
            // Word w of `pairs` sums item 2w + 256·item 2w + 1 (wrapping); `odd` sums item 2w + 1.
            Vector512<ushort> pairs = Vector512<ushort>.Zero, odd = pairs;
            for (int s = 0; s < m; s++)
            {
                Vector512<byte> v = Lookup(Vector512.Load(cb + s * BlockSize), lut + s * LutStride);
                pairs += v.AsUInt16();
                odd += Vector512.ShiftRightLogical(v.AsUInt16(), 8);
            }
            Vector512<short> even = (pairs - Vector512.ShiftLeft(odd, 8)).AsInt16();
            ulong below = Vector512.LessThan(even, limit).ExtractMostSignificantBits() | (Vector512.LessThan(odd.AsInt16(), limit).ExtractMostSignificantBits() << 32);
            if (below != 0) limit = Collect(j, below, b, even, odd.AsInt16(), candidates, limit);
        }
    }

    /// <summary>T[s, code] of 64 lanes from a 256-byte sub-table: entries 0..127 and 128..255 by the low seven code bits, then bit 7 picks one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Lookup(Vector512<byte> codes, byte* table)
    {
        Vector512<byte> low = Avx512Vbmi.PermuteVar64x8x2(Vector512.Load(table), codes, Vector512.Load(table + 64));
        Vector512<byte> high = Avx512Vbmi.PermuteVar64x8x2(Vector512.Load(table + 128), codes, Vector512.Load(table + 192));
        return Avx512BW.BlendVariable(low, high, codes);
    }

    /// <summary>
    /// Keeps a block's items below the limit (within N, not the excluded one) and returns the compare
    /// limit, lowered if the buffer compacted. Bit w of <paramref name="below"/> is item 2w (sum in
    /// <paramref name="even"/> word w), bit 32 + w item 2w + 1 (sum in <paramref name="odd"/> word w).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SkipLocalsInit]
    private static Vector512<short> Collect(Job j, ulong below, int block, Vector512<short> even, Vector512<short> odd, QuantizedCandidates candidates, Vector512<short> limit)
    {
        int baseId = block * BlockSize;
        short* sums = stackalloc short[BlockSize];
        even.Store(sums);
        odd.Store(sums + 32);
        bool compacted = false;
        while (below != 0)
        {
            int bit = BitOperations.TrailingZeroCount(below);
            below &= below - 1;
            int id = baseId + ((bit & 31) << 1) + (bit >> 5);
            int q = sums[bit];
            if (id < j.Count && id != j.Exclude && q < candidates.Limit) compacted |= candidates.Add(q, id);
        }
        return compacted ? Vector512.Create(candidates.Limit) : limit;
    }

    /// <summary>
    /// Exact ADC distances (Σ_m T[m, b_m] in ascending m) of the kept items, offered to
    /// <paramref name="top"/>; items equal to its threshold are offered too, as they come in no id order.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Rerank(Job j, int codewords, ReadOnlySpan<ulong> kept, byte* codes, float* table, TopKReservoir top)
    {
        int m = j.M, blockBytes = BlockBytes(m);
        foreach (ulong key in kept)
        {
            int id = (int)(uint)key;
            byte* column = codes + (long)(id / BlockSize) * blockBytes + id % BlockSize;
            float sum = 0f;
            for (int s = 0; s < m; s++) sum += table[s * codewords + column[s * BlockSize]];
            if (sum <= top.Threshold) top.Push(sum, id);
        }
    }
}
