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
/// q ≤ (t − Σ_m min_m)/Δ + M/2, where t is the running k-th exact distance (a sum of M entries
/// each off by ≤ Δ/2). Items passing this bound get their exact float32 ADC distance (Σ_m T[m, b_m]
/// in ascending m, the same sum the float kernels form) and enter the top-k reservoir.</item>
/// </list>
/// The result is therefore identical to exact ADC, ties included (by lowest id): ids are offered in
/// ascending order and the bound is conservative (one quantum of slack covers float rounding).
/// </summary>
internal static unsafe class PqFastScan
{
    /// <summary>Items per packed block.</summary>
    public const int BlockSize = 32;

    /// <summary>True when the fast scan can run: K ≤ 16, 16-bit sums cannot overflow, and AVX2 + BMI2 exist.</summary>
    public static bool Supports(int subspaces, int codewords) =>
        codewords <= 16 && PaddedSubspaces(subspaces) * 255 <= short.MaxValue && Avx2.IsSupported && Bmi2.IsSupported;

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
    /// Quantizes a raw <c>[M, K]</c> table into <paramref name="lut"/> (16 bytes per padded sub-space)
    /// and returns (Σ_m min_m, 1/Δ).
    /// </summary>
    public static (double Offset, double InverseStep) Quantize(ReadOnlySpan<float> table, int subspaces, int codewords, Span<byte> lut)
    {
        lut.Clear();
        double offset = 0, range = 0;
        Span<float> minima = stackalloc float[subspaces];
        for (int s = 0; s < subspaces; s++)
        {
            ReadOnlySpan<float> row = table.Slice(s * codewords, codewords);
            float lo = row[0], hi = row[0];
            foreach (float v in row)
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
            minima[s] = lo;
            offset += lo;
            range = Math.Max(range, (double)hi - lo);
        }
        double inverse = range > 0 ? 255.0 / range : 1.0;
        for (int s = 0; s < subspaces; s++)
        {
            for (int c = 0; c < codewords; c++)
                lut[s * 16 + c] = (byte)Math.Clamp(Math.Round(((double)table[s * codewords + c] - minima[s]) * inverse), 0, 255);
        }
        return (offset, inverse);
    }

    /// <summary>Scans every block for one query and offers the items that pass the bound to <paramref name="top"/>.</summary>
    /// <param name="wide">Use 512-bit shuffles (AVX-512BW) instead of 256-bit ones.</param>
    /// <param name="packed">Codes from <see cref="Pack"/>.</param>
    /// <param name="count">Number of items N.</param>
    /// <param name="subspaces">M.</param>
    /// <param name="codewords">K.</param>
    /// <param name="table">The raw float table <c>[M, K]</c> (exact distances for re-ranking).</param>
    /// <param name="lut">The quantized table from <see cref="Quantize"/>.</param>
    /// <param name="offset">Σ_m min_m from <see cref="Quantize"/>.</param>
    /// <param name="inverseStep">1/Δ from <see cref="Quantize"/>.</param>
    /// <param name="top">The query's reservoir (cleared by the caller).</param>
    /// <param name="exclude">An id never offered, or −1.</param>
    public static void Scan(bool wide, ReadOnlySpan<byte> packed, int count, int subspaces, int codewords, ReadOnlySpan<float> table,
        ReadOnlySpan<byte> lut, double offset, double inverseStep, TopKReservoir top, int exclude)
    {
        var job = new Job(count, subspaces, codewords, offset, inverseStep, exclude);
        fixed (byte* c = packed)
        fixed (byte* l = lut)
        fixed (float* t = table)
        {
            if (wide) ScanAvx512(job, c, l, t, top);
            else ScanAvx2(job, c, l, t, top);
        }
    }

    private readonly record struct Job(int Count, int M, int K, double Offset, double InverseStep, int Exclude)
    {
        public int Pairs => PaddedSubspaces(M) / 2;

        public int Blocks => (Count + BlockSize - 1) / BlockSize;

        /// <summary>Largest quantized sum that may still hold a top-k item, as a 16-bit compare limit (sum &lt; limit).</summary>
        public short Limit(float threshold)
        {
            if (float.IsPositiveInfinity(threshold)) return short.MaxValue;
            double bound = Math.Floor((threshold - Offset) * InverseStep + M * 0.5 + 1.0);
            return (short)Math.Clamp(bound + 1, 0, short.MaxValue);
        }
    }

    private static void ScanAvx2(Job j, byte* codes, byte* lut, float* table, TopKReservoir top)
    {
        int pairs = j.Pairs, blockBytes = pairs * 32;
        float threshold = top.Threshold;
        var limit = Vector256.Create(j.Limit(threshold));
        for (int b = 0; b < j.Blocks; b++)
        {
            byte* cb = codes + (long)b * blockBytes;
            Vector256<ushort> a0 = Vector256<ushort>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (int p = 0; p < pairs; p++) Accumulate(Vector256.Load(cb + p * 32), Vector256.Load(lut + p * 32), ref a0, ref a1, ref a2, ref a3);
            uint items = PassingItems(a0, a1, a2, a3, limit);
            if (items != 0) limit = OfferBlock(j, items, b, cb, table, top, ref threshold, limit);
        }
    }

    private static void ScanAvx512(Job j, byte* codes, byte* lut, float* table, TopKReservoir top)
    {
        // Four sub-spaces per 64-byte register; an odd pair count ends with a 32-byte step.
        int pairs = j.Pairs, blockBytes = pairs * 32, quads = pairs / 2;
        bool half = (pairs & 1) != 0;
        var nibble = Vector512.Create((byte)0x0F);
        float threshold = top.Threshold;
        var limit = Vector256.Create(j.Limit(threshold));
        for (int b = 0; b < j.Blocks; b++)
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
            uint items = PassingItems(a0, a1, a2, a3, limit);
            if (items != 0) limit = OfferBlock(j, items, b, cb, table, top, ref threshold, limit);
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

    /// <summary>Bit i set when item i of the block has a quantized sum below <paramref name="limit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint PassingItems(Vector256<ushort> a0, Vector256<ushort> a1, Vector256<ushort> a2, Vector256<ushort> a3, Vector256<short> limit)
    {
        // a0 − (a1 << 8) sums the even items; adding the two lanes sums the even and odd sub-spaces.
        Vector256<ushort> e0 = a0 - Vector256.ShiftLeft(a1, 8), e1 = a2 - Vector256.ShiftLeft(a3, 8);
        Vector256<short> s0 = (Avx2.Permute2x128(e0, a1, 0x20) + Avx2.Permute2x128(e0, a1, 0x31)).AsInt16();
        Vector256<short> s1 = (Avx2.Permute2x128(e1, a3, 0x20) + Avx2.Permute2x128(e1, a3, 0x31)).AsInt16();
        uint mask = Avx2.PackSignedSaturate(Vector256.LessThan(s0, limit), Vector256.LessThan(s1, limit)).AsByte().ExtractMostSignificantBits();
        if (mask == 0) return 0;
        // Byte order after the pack: items 0,2..14 | 16,18..30 | 1,3..15 | 17,19..31; back to item order.
        return Bmi2.ParallelBitDeposit(mask & 0xFF, 0x5555u) | Bmi2.ParallelBitDeposit((mask >> 16) & 0xFF, 0xAAAAu)
            | ((Bmi2.ParallelBitDeposit((mask >> 8) & 0xFF, 0x5555u) | Bmi2.ParallelBitDeposit(mask >> 24, 0xAAAAu)) << 16);
    }

    /// <summary>Offers a block's passing items and returns the compare limit for the (possibly lower) new threshold.</summary>
    private static Vector256<short> OfferBlock(Job j, uint items, int block, byte* cb, float* table, TopKReservoir top, ref float threshold, Vector256<short> limit)
    {
        Offer(j, items, block, cb, table, top);
        if (top.Threshold == threshold) return limit;
        threshold = top.Threshold;
        return Vector256.Create(j.Limit(threshold));
    }

    /// <summary>Exact ADC distances of the flagged items of a block, offered in ascending id.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Offer(Job j, uint items, int block, byte* cb, float* table, TopKReservoir top)
    {
        int baseId = block * BlockSize;
        int lanes = Math.Min(BlockSize, j.Count - baseId);
        if (lanes < BlockSize) items &= (1u << lanes) - 1;
        if ((uint)(j.Exclude - baseId) < BlockSize) items &= ~(1u << (j.Exclude - baseId));
        int m = j.M, k = j.K;
        while (items != 0)
        {
            int lane = BitOperations.TrailingZeroCount(items);
            items &= items - 1;
            byte* column = cb + (lane & 15);
            int shift = lane < 16 ? 0 : 4;
            float sum = 0f;
            for (int s = 0; s < m; s++) sum += table[s * k + ((column[s * 16] >> shift) & 15)];
            if (sum < top.Threshold) top.Push(sum, baseId + lane);
        }
    }
}
