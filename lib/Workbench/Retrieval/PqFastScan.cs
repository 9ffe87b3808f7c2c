using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Workbench.Retrieval;

/// <summary>
/// ADC for K ≤ 16 with 4-bit codes and byte look-up tables in registers (the idea of André et al.'s
/// "Quicker ADC" and FAISS's <c>IndexPQFastScan</c>), made exact by re-ranking:
/// <list type="number">
/// <item>Codes are packed two per byte in blocks of 32 items: sub-space s of a block is 16 bytes,
/// byte j holding item j in its low nibble and item j + 16 in its high nibble
/// (<see cref="Pack"/>).</item>
/// <item>Per query, each sub-table is shifted by its minimum and quantized to bytes with one common
/// step Δ = max_m range_m / 255 (<see cref="Quantize"/>), so every entry is off by at most Δ/2.</item>
/// <item>The scan looks up 32 items of two sub-spaces with two byte shuffles (<c>vpshufb</c>) per
/// 32 bytes of codes and accumulates in 16 bits (<see cref="ScanAvx2"/>, or 64 bytes at a time
/// with AVX-512BW, <see cref="ScanAvx512"/>).</item>
/// <item>An item can be among the exact top-k only if its quantized sum q satisfies
/// q ≤ Q_k + M (+ float rounding), Q_k the k-th smallest quantized sum (a sum of M entries each off
/// by ≤ Δ/2, on both sides). The scan keeps such items as cheap (q, id) keys, with the running Q_k
/// as a 16-bit compare limit (<see cref="QuantizedCandidates"/>, the role of FAISS's reservoir
/// result handler); only the kept items get their exact float32 ADC distance (Σ_m T[m, b_m] in
/// ascending m, the same sum the float kernels form) and enter the top-k reservoir.</item>
/// </list>
/// The result is therefore identical to exact ADC, ties included (by lowest id): the kept set
/// contains the exact top-k, and the reservoir selects by (distance, id).
/// </summary>
internal static unsafe class PqFastScan
{
    /// <summary>Items per packed block.</summary>
    public const int BlockSize = 32;

    /// <summary>True when the codes fit the fast scan (K ≤ 16, 16-bit sums cannot overflow); the CPU also needs AVX2 and BMI2 (<see cref="PqScan.Resolve(PqScanKernel, int, int)"/>).</summary>
    public static bool Fits(int subspaces, int codewords) => codewords <= 16 && PaddedSubspaces(subspaces) * 255 <= short.MaxValue;

    /// <summary>M rounded up to even (a zero sub-space pads odd M).</summary>
    public static int PaddedSubspaces(int subspaces) => (subspaces + 1) & ~1;

    /// <summary>Bytes of one packed block: 16 per (padded) sub-space.</summary>
    public static int BlockBytes(int subspaces) => PaddedSubspaces(subspaces) * 16;

    /// <summary>
    /// Packs codes from the scan's 16-item interleaved layout (<c>blocked[(id / 16)·16·M + s·16 + id % 16]</c>)
    /// into 32-item 4-bit blocks, with 64 bytes of zero slack at the end for wide loads.
    /// </summary>
    public static byte[] Pack(ReadOnlySpan<byte> blocked, int count, int subspaces)
    {
        int blockBytes = BlockBytes(subspaces), blocks = (count + BlockSize - 1) / BlockSize;
        var packed = new byte[(long)blocks * blockBytes + 64];
        for (int id = 0; id < count; id++)
        {
            int source = id / PqScan.BlockSize * PqScan.BlockSize * subspaces + id % PqScan.BlockSize;
            int lane = id % BlockSize, target = id / BlockSize * blockBytes + (lane & 15), shift = lane < 16 ? 0 : 4;
            for (int s = 0; s < subspaces; s++) packed[target + s * 16] |= (byte)(blocked[source + s * PqScan.BlockSize] << shift);
        }
        return packed;
    }

    /// <summary>
    /// Quantizes a raw <c>[M, K]</c> table into <paramref name="lut"/> (<paramref name="lutStride"/>
    /// bytes per sub-space, zero padded): each row shifted by its minimum, one common step
    /// Δ = max_m range_m / 255, so every entry is off by at most Δ/2; returns 1/Δ.
    /// </summary>
    public static double Quantize(ReadOnlySpan<float> table, int subspaces, int codewords, Span<byte> lut, int lutStride = 16)
    {
        lut.Clear();
        double range = 0;
        Span<float> minima = stackalloc float[subspaces];
        for (int s = 0; s < subspaces; s++)
        {
            (float lo, float hi) = MinMax(table.Slice(s * codewords, codewords));
            minima[s] = lo;
            range = Math.Max(range, (double)hi - lo);
        }
        double inverse = range > 0 ? 255.0 / range : 1.0;
        for (int s = 0; s < subspaces; s++) QuantizeRow(table.Slice(s * codewords, codewords), minima[s], inverse, lut.Slice(s * lutStride, codewords));
        return inverse;
    }

    /// <summary>The smallest and largest entry of a table row (finite values).</summary>
    private static (float Lo, float Hi) MinMax(ReadOnlySpan<float> row)
    {
        float lo = row[0], hi = row[0];
        int c = 0;
        if (Vector256.IsHardwareAccelerated && row.Length >= 16)
        {
            Vector256<float> vlo = Vector256.Create(row), vhi = vlo;
            for (c = 8; c + 8 <= row.Length; c += 8)
            {
                Vector256<float> v = Vector256.Create(row.Slice(c, 8));
                vlo = Vector256.Min(vlo, v);
                vhi = Vector256.Max(vhi, v);
            }
            for (int i = 0; i < Vector256<float>.Count; i++)
            {
                lo = Math.Min(lo, vlo[i]);
                hi = Math.Max(hi, vhi[i]);
            }
        }
        for (; c < row.Length; c++)
        {
            lo = Math.Min(lo, row[c]);
            hi = Math.Max(hi, row[c]);
        }
        return (lo, hi);
    }

    /// <summary>
    /// lut[c] = clamp(round((row[c] − lo)·inverse), 0, 255) in double precision, rounding half to
    /// even (Math.Round's rule; cvtpd2dq rounds the same way under the default MXCSR).
    /// </summary>
    private static void QuantizeRow(ReadOnlySpan<float> row, float lo, double inverse, Span<byte> lut)
    {
        int c = 0;
        if (Avx.IsSupported)
        {
            Vector256<double> shift = Vector256.Create((double)lo), scale = Vector256.Create(inverse);
            for (; c + 4 <= row.Length; c += 4)
            {
                Vector128<int> q = Avx.ConvertToVector128Int32((Avx.ConvertToVector256Double(Vector128.Create(row.Slice(c, 4))) - shift) * scale);
                Vector128<short> words = Sse2.PackSignedSaturate(q, q);
                uint bytes = Sse2.PackUnsignedSaturate(words, words).AsUInt32().ToScalar();
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(lut.Slice(c, 4), bytes);
            }
        }
        for (; c < row.Length; c++) lut[c] = (byte)Math.Clamp(Math.Round(((double)row[c] - lo) * inverse), 0, 255);
    }

    /// <summary>
    /// The exact ADC top-k of one query: a quantized pass keeps the items whose 16-bit sums may
    /// still hold a top-k item (<see cref="QuantizedCandidates"/>), then only those get their exact
    /// float32 distance and enter <paramref name="top"/>.
    /// </summary>
    /// <param name="wide">Use 512-bit shuffles (AVX-512BW) instead of 256-bit ones.</param>
    /// <param name="packed">Codes from <see cref="Pack"/>.</param>
    /// <param name="count">Number of items N.</param>
    /// <param name="subspaces">M.</param>
    /// <param name="codewords">K.</param>
    /// <param name="table">The raw float table <c>[M, K]</c> (exact distances for re-ranking).</param>
    /// <param name="lut">The quantized table from <see cref="Quantize"/>.</param>
    /// <param name="inverseStep">1/Δ from <see cref="Quantize"/>.</param>
    /// <param name="candidates">The query's first-pass buffer (reset here), sized for the same k as <paramref name="top"/>.</param>
    /// <param name="top">The query's reservoir (cleared by the caller).</param>
    /// <param name="exclude">An id never offered, or −1.</param>
    public static void Scan(bool wide, ReadOnlySpan<byte> packed, int count, int subspaces, int codewords, ReadOnlySpan<float> table,
        ReadOnlySpan<byte> lut, double inverseStep, QuantizedCandidates candidates, TopKReservoir top, int exclude)
    {
        var job = new Job(count, subspaces, codewords, exclude);
        int slack = Slack(table, subspaces, codewords, inverseStep);
        fixed (byte* c = packed)
        fixed (byte* l = lut)
        fixed (float* t = table)
        {
            Filter(new ShufflePass(job, wide, c, l), job.Blocks, count, candidates, slack);
            Rerank(job, candidates.Finish(), c, t, top);
        }
    }

    /// <summary>One quantized pass over every <c>stride</c>-th block of a scan, feeding a <see cref="QuantizedCandidates"/> buffer.</summary>
    internal interface IQuantizedPass
    {
        /// <summary>Scans blocks 0, stride, 2·stride, … and adds the items below the buffer's limit.</summary>
        void Run(QuantizedCandidates candidates, int stride);
    }

    /// <summary>
    /// The first pass of an exact quantized scan over <paramref name="blocks"/> blocks holding
    /// <paramref name="count"/> items: leaves in
    /// <paramref name="candidates"/> (reset here) a superset of the items the exact top-k may need.
    /// A guessed limit from every 8th block spares most of the warm-up, when the guess is proven
    /// safe afterwards; else (rarely) the scan runs again from no limit.
    /// </summary>
    internal static void Filter<TPass>(TPass pass, int blocks, int count, QuantizedCandidates candidates, int slack) where TPass : struct, IQuantizedPass
    {
        short guess = Guess(pass, blocks, count, candidates, slack);
        candidates.Reset(slack, guess);
        pass.Run(candidates, 1);
        if (guess != short.MaxValue && !(candidates.Finish().Length >= candidates.K && candidates.KthSum + slack < guess))
        {
            candidates.Reset(slack);
            pass.Run(candidates, 1);
        }
    }

    /// <summary>Blocks between two sampled ones in <see cref="Guess"/>.</summary>
    private const int SampleStride = 8;

    /// <summary>
    /// A compare limit for the full pass: the quantized sum of rank ⌈2k / 8⌉ among the items of every
    /// 8th block, plus the slack (so about 2k items are expected below it). It is only a guess: the
    /// full pass is kept only when its own k-th sum plus the slack stays below the guess, which
    /// proves every item the exact top-k may need was kept. short.MaxValue (no guess) for small scans.
    /// </summary>
    private static short Guess<TPass>(TPass pass, int blocks, int count, QuantizedCandidates candidates, int slack) where TPass : struct, IQuantizedPass
    {
        int rank = (candidates.K + 3) / 4;
        if (blocks < 64 * SampleStride || (long)candidates.K * 16 > count) return short.MaxValue;
        QuantizedCandidates sample = candidates.Sample(rank);
        sample.Reset(0);
        pass.Run(sample, SampleStride);
        sample.Finish();
        return (short)Math.Min(short.MaxValue, (long)sample.KthSum + slack + 1);
    }

    /// <summary>The byte-shuffle pass over 32-item blocks (AVX-512BW or AVX2).</summary>
    private readonly struct ShufflePass(Job job, bool wide, byte* codes, byte* lut) : IQuantizedPass
    {
        public void Run(QuantizedCandidates candidates, int stride)
        {
            if (wide) ScanAvx512(job, codes, lut, candidates, stride);
            else ScanAvx2(job, codes, lut, candidates, stride);
        }
    }

    /// <summary>
    /// Quanta by which an item's quantized sum may exceed the k-th smallest one and the item still
    /// be in the exact top-k: M (each of M table entries is rounded by at most half a quantum, on
    /// both the item's and the k-th item's side), plus twice the float32 rounding of an M-term sum
    /// bounded by Σ_m max_c |T[m, c]|, rounded up, plus one.
    /// </summary>
    internal static int Slack(ReadOnlySpan<float> table, int subspaces, int codewords, double inverseStep)
    {
        double magnitude = 0;
        for (int s = 0; s < subspaces; s++)
        {
            (float lo, float hi) = MinMax(table.Slice(s * codewords, codewords));
            magnitude += Math.Max(Math.Abs(lo), Math.Abs(hi));
        }
        double rounding = Math.Ceiling(subspaces * magnitude * inverseStep / (1 << 23));
        return (int)Math.Min(short.MaxValue, subspaces + 1 + 2 * rounding);
    }

    private readonly record struct Job(int Count, int M, int K, int Exclude)
    {
        public int Pairs => PaddedSubspaces(M) / 2;

        public int Blocks => (Count + BlockSize - 1) / BlockSize;
    }

    private static void ScanAvx2(Job j, byte* codes, byte* lut, QuantizedCandidates candidates, int stride)
    {
        int pairs = j.Pairs, blockBytes = pairs * 32;
        var limit = Vector256.Create(candidates.Limit);
        for (int b = 0; b < j.Blocks; b += stride)
        {
            byte* cb = codes + (long)b * blockBytes;
            Vector256<ushort> a0 = Vector256<ushort>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (int p = 0; p < pairs; p++) Accumulate(Vector256.Load(cb + p * 32), Vector256.Load(lut + p * 32), ref a0, ref a1, ref a2, ref a3);
            uint items = PassingItems(a0, a1, a2, a3, limit, out var s0, out var s1);
            if (items != 0) limit = Collect(j, items, b, s0, s1, candidates, limit);
        }
    }

    private static void ScanAvx512(Job j, byte* codes, byte* lut, QuantizedCandidates candidates, int stride)
    {
        // Four sub-spaces per 64-byte register; an odd pair count ends with a 32-byte step.
        int pairs = j.Pairs, blockBytes = pairs * 32, quads = pairs / 2;
        bool half = (pairs & 1) != 0;
        var nibble = Vector512.Create((byte)0x0F);
        var limit = Vector256.Create(candidates.Limit);
        for (int b = 0; b < j.Blocks; b += stride)
        {
            byte* cb = codes + (long)b * blockBytes;
            Vector512<ushort> w0 = Vector512<ushort>.Zero, w1 = w0, w2 = w0, w3 = w0;
            for (int p = 0; p < quads; p++)
            {
                Vector512<byte> c = Vector512.Load(cb + p * 64);
                Vector512<byte> l = Vector512.Load(lut + p * 64);
                Vector512<ushort> lo = Avx512BW.Shuffle(l, c & nibble).AsUInt16();
                Vector512<ushort> hi = Avx512BW.Shuffle(l, Vector512.ShiftRightLogical(c.AsUInt16(), 4).AsByte() & nibble).AsUInt16();
                w0 += lo;
                w1 += Vector512.ShiftRightLogical(lo, 8);
                w2 += hi;
                w3 += Vector512.ShiftRightLogical(hi, 8);
            }
            Vector256<ushort> a0 = w0.GetLower() + w0.GetUpper(), a1 = w1.GetLower() + w1.GetUpper();
            Vector256<ushort> a2 = w2.GetLower() + w2.GetUpper(), a3 = w3.GetLower() + w3.GetUpper();
            if (half) Accumulate(Vector256.Load(cb + quads * 64), Vector256.Load(lut + quads * 64), ref a0, ref a1, ref a2, ref a3);
            uint items = PassingItems(a0, a1, a2, a3, limit, out var s0, out var s1);
            if (items != 0) limit = Collect(j, items, b, s0, s1, candidates, limit);
        }
    }

    /// <summary>
    /// Looks up two sub-spaces of 32 items (32 code bytes, 32 table bytes) with two byte shuffles and
    /// adds them to the 16-bit sums: a0 word w gains item 2w + 256·item 2w + 1, a1 word w item 2w + 1
    /// (a2, a3 the same for items 16..31); the low 128-bit lane holds the even sub-space, the high one the odd.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Vector256<byte> codes, Vector256<byte> lut,
        ref Vector256<ushort> a0, ref Vector256<ushort> a1, ref Vector256<ushort> a2, ref Vector256<ushort> a3)
    {
        var nibble = Vector256.Create((byte)0x0F);
        Vector256<ushort> lo = Avx2.Shuffle(lut, codes & nibble).AsUInt16();
        Vector256<ushort> hi = Avx2.Shuffle(lut, Vector256.ShiftRightLogical(codes.AsUInt16(), 4).AsByte() & nibble).AsUInt16();
        a0 += lo;
        a1 += Vector256.ShiftRightLogical(lo, 8);
        a2 += hi;
        a3 += Vector256.ShiftRightLogical(hi, 8);
    }

    /// <summary>
    /// Bit i set when item i of the block has a quantized sum below <paramref name="limit"/>; the
    /// sums themselves come out in <paramref name="s0"/> (items 0, 2, .., 14, then 1, 3, .., 15) and
    /// <paramref name="s1"/> (the same for items 16..31), see <see cref="SumIndex"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint PassingItems(Vector256<ushort> a0, Vector256<ushort> a1, Vector256<ushort> a2, Vector256<ushort> a3, Vector256<short> limit,
        out Vector256<short> s0, out Vector256<short> s1)
    {
        // a0 − (a1 << 8) sums the even items; adding the two lanes sums the even and odd sub-spaces.
        Vector256<ushort> e0 = a0 - Vector256.ShiftLeft(a1, 8), e1 = a2 - Vector256.ShiftLeft(a3, 8);
        s0 = (Avx2.Permute2x128(e0, a1, 0x20) + Avx2.Permute2x128(e0, a1, 0x31)).AsInt16();
        s1 = (Avx2.Permute2x128(e1, a3, 0x20) + Avx2.Permute2x128(e1, a3, 0x31)).AsInt16();
        uint mask = Avx2.PackSignedSaturate(Vector256.LessThan(s0, limit), Vector256.LessThan(s1, limit)).AsByte().ExtractMostSignificantBits();
        if (mask == 0) return 0;
        // Byte order after the pack: items 0,2..14 | 16,18..30 | 1,3..15 | 17,19..31; back to item order.
        return Bmi2.ParallelBitDeposit(mask & 0xFF, 0x5555u) | Bmi2.ParallelBitDeposit((mask >> 16) & 0xFF, 0xAAAAu)
            | ((Bmi2.ParallelBitDeposit((mask >> 8) & 0xFF, 0x5555u) | Bmi2.ParallelBitDeposit(mask >> 24, 0xAAAAu)) << 16);
    }

    /// <summary>Position of item <paramref name="lane"/>'s sum in the 32 shorts of (s0, s1) from <see cref="PassingItems"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SumIndex(int lane) => (lane & 16) + ((lane & 1) << 3) + ((lane & 15) >> 1);

    /// <summary>Keeps a block's passing items (within N, not the excluded one) and returns the compare limit, lowered if the buffer compacted.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SkipLocalsInit]
    private static Vector256<short> Collect(Job j, uint items, int block, Vector256<short> s0, Vector256<short> s1, QuantizedCandidates candidates, Vector256<short> limit)
    {
        int baseId = block * BlockSize;
        int lanes = Math.Min(BlockSize, j.Count - baseId);
        if (lanes < BlockSize) items &= (1u << lanes) - 1;
        if ((uint)(j.Exclude - baseId) < BlockSize) items &= ~(1u << (j.Exclude - baseId));
        short* sums = stackalloc short[2 * Vector256<short>.Count];
        s0.Store(sums);
        s1.Store(sums + Vector256<short>.Count);
        bool compacted = false;
        while (items != 0)
        {
            int lane = BitOperations.TrailingZeroCount(items);
            items &= items - 1;
            int q = sums[SumIndex(lane)];
            if (q < candidates.Limit) compacted |= candidates.Add(q, baseId + lane);
        }
        return compacted ? Vector256.Create(candidates.Limit) : limit;
    }

    /// <summary>
    /// Exact ADC distances (Σ_m T[m, b_m] in ascending m, the sum the float kernels form) of the kept
    /// items, offered to <paramref name="top"/>. They come in no id order, so items equal to the
    /// reservoir's threshold are offered too; its selection by (distance, id) keeps ties by lowest id.
    /// </summary>
    private static void Rerank(Job j, ReadOnlySpan<ulong> kept, byte* codes, float* table, TopKReservoir top)
    {
        int m = j.M, k = j.K, blockBytes = j.Pairs * 32;
        foreach (ulong key in kept)
        {
            int id = (int)(uint)key;
            int lane = id % BlockSize;
            byte* column = codes + (long)(id / BlockSize) * blockBytes + (lane & 15);
            int shift = lane < 16 ? 0 : 4;
            float sum = 0f;
            for (int s = 0; s < m; s++) sum += table[s * k + ((column[s * 16] >> shift) & 15)];
            if (sum <= top.Threshold) top.Push(sum, id);
        }
    }
}
