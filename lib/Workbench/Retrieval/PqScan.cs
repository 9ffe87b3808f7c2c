using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Workbench.Retrieval;

/// <summary>
/// ADC scan kernels over block-interleaved codes: block b holds 16 items, stored sub-space by
/// sub-space (<c>codes[b·16·M + m·16 + lane]</c>), so one 16-byte load feeds 16 lanes. For every
/// item the distance is Σ_m T[m, b_m] accumulated in float32 in ascending m (the same order as a
/// plain loop), then compared against the heap's threshold; only items that beat it are pushed.
/// </summary>
internal static unsafe class PqScan
{
    public const int BlockSize = 16;

    public static PqScanKernel Resolve(PqScanKernel requested, int codewords)
    {
        bool avx512 = Avx512F.IsSupported && Avx512BW.IsSupported;
        bool avx2 = Avx2.IsSupported;
        return requested switch
        {
            PqScanKernel.Auto => avx512 ? PqScanKernel.Avx512 : avx2 ? PqScanKernel.Avx2 : PqScanKernel.Scalar,
            PqScanKernel.Avx512 when !avx512 => throw new PlatformNotSupportedException("This CPU has no AVX-512F/BW; use PqScanKernel.Auto."),
            PqScanKernel.Avx2 when !avx2 => throw new PlatformNotSupportedException("This CPU has no AVX2; use PqScanKernel.Auto."),
            _ => requested,
        };
    }

    /// <summary>Row stride of a scan table for K codewords: 16 for K ≤ 16, else the next power of two ≥ K (zero padded).</summary>
    public static int TableStride(int codewords) => codewords <= 16 ? 16 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)codewords);

    /// <summary>Scans <paramref name="count"/> items for one query and offers them to <paramref name="heap"/>.</summary>
    /// <param name="kernel">A resolved kernel (not Auto).</param>
    /// <param name="table">Row-major <c>[M, TableStride(K)]</c> distance table, zero padded.</param>
    /// <param name="codes">Block-interleaved codes, padded to whole blocks.</param>
    /// <param name="count">Number of items N.</param>
    /// <param name="subspaces">M.</param>
    /// <param name="codewords">K.</param>
    /// <param name="heap">Receives the candidates.</param>
    /// <param name="exclude">Id never offered (self-exclusion), or −1.</param>
    public static void Scan(PqScanKernel kernel, ReadOnlySpan<float> table, ReadOnlySpan<byte> codes, int count, int subspaces, int codewords, TopKHeap heap, int exclude)
    {
        int stride = TableStride(codewords);
        if (table.Length < subspaces * stride) throw new ArgumentException("Scan table is smaller than M x stride.");
        if (codes.Length < (count + BlockSize - 1) / BlockSize * BlockSize * subspaces) throw new ArgumentException("Code buffer is smaller than the padded blocks.");
        fixed (float* t = table)
        fixed (byte* c = codes)
        {
            switch (kernel)
            {
                case PqScanKernel.Avx512 when codewords <= 16:
                    ScanAvx512K16(t, c, count, subspaces, heap, exclude);
                    break;
                case PqScanKernel.Avx512:
                    ScanAvx512Permute(t, c, count, subspaces, stride, heap, exclude);
                    break;
                case PqScanKernel.Avx2 when codewords <= 16:
                    ScanAvx2K16(t, c, count, subspaces, heap, exclude);
                    break;
                case PqScanKernel.Avx2:
                    ScanAvx2Gather(t, c, count, subspaces, stride, heap, exclude);
                    break;
                default:
                    ScanScalar(t, c, count, subspaces, stride, heap, exclude);
                    break;
            }
        }
    }

    private static void ScanScalar(float* t, byte* c, int count, int m, int stride, TopKHeap heap, int exclude)
    {
        float* acc = stackalloc float[BlockSize];
        int blocks = (count + BlockSize - 1) / BlockSize;
        for (int b = 0; b < blocks; b++)
        {
            byte* cb = c + (long)b * BlockSize * m;
            for (int lane = 0; lane < BlockSize; lane++) acc[lane] = 0;
            for (int s = 0; s < m; s++)
            {
                float* ts = t + s * stride;
                byte* cs = cb + s * BlockSize;
                for (int lane = 0; lane < BlockSize; lane++) acc[lane] += ts[cs[lane]];
            }
            int lanes = Math.Min(BlockSize, count - b * BlockSize);
            float threshold = heap.Threshold;
            for (int lane = 0; lane < lanes; lane++)
            {
                if (acc[lane] < threshold)
                {
                    int id = b * BlockSize + lane;
                    if (id == exclude) continue;
                    heap.Push(acc[lane], id);
                    threshold = heap.Threshold;
                }
            }
        }
    }

    private static void ScanAvx512K16(float* t, byte* c, int count, int m, TopKHeap heap, int exclude)
    {
        // Each sub-table (K ≤ 16 floats, stride 16) fits one zmm register; vpermps looks up 16 lanes at once.
        float* padded = t;
        float* acc = stackalloc float[BlockSize];
        int blocks = (count + BlockSize - 1) / BlockSize;
        var threshold = Vector512.Create(heap.Threshold);
        for (int b = 0; b < blocks; b++)
        {
            byte* cb = c + (long)b * BlockSize * m;
            Vector512<float> sum = Vector512<float>.Zero;
            for (int s = 0; s < m; s++)
            {
                Vector512<int> idx = Avx512F.ConvertToVector512Int32(Vector128.Load(cb + s * BlockSize));
                sum = Avx512F.Add(sum, Avx512F.PermuteVar16x32(Vector512.Load(padded + s * 16), idx));
            }
            ulong hits = Vector512.LessThan(sum, threshold).ExtractMostSignificantBits();
            if (hits != 0) threshold = Offer(sum, hits, b, count, acc, heap, exclude);
        }
    }

    private static void ScanAvx512Permute(float* t, byte* c, int count, int m, int stride, TopKHeap heap, int exclude)
    {
        // K ≤ 256: the sub-table is cut into 32-entry pairs of registers; vpermt2ps looks up the low
        // five index bits in each pair and bits 5..7 pick the pair through a blend tree.
        int pairs = stride / 32; // 1, 2, 4 or 8: the stride is a power of two ≥ 32 for K > 16
        float* padded = t;
        float* acc = stackalloc float[BlockSize];
        int blocks = (count + BlockSize - 1) / BlockSize;
        var threshold = Vector512.Create(heap.Threshold);
        Vector512<float>* part = stackalloc Vector512<float>[8];
        for (int b = 0; b < blocks; b++)
        {
            byte* cb = c + (long)b * BlockSize * m;
            Vector512<float> sum = Vector512<float>.Zero;
            for (int s = 0; s < m; s++)
            {
                Vector512<int> idx = Avx512F.ConvertToVector512Int32(Vector128.Load(cb + s * BlockSize));
                float* ts = padded + s * pairs * 32;
                for (int p = 0; p < pairs; p++)
                    part[p] = Avx512F.PermuteVar16x32x2(Vector512.Load(ts + p * 32), idx, Vector512.Load(ts + p * 32 + 16));
                sum = Avx512F.Add(sum, SelectPair(part, pairs, idx));
            }
            ulong hits = Vector512.LessThan(sum, threshold).ExtractMostSignificantBits();
            if (hits != 0) threshold = Offer(sum, hits, b, count, acc, heap, exclude);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> SelectPair(Vector512<float>* part, int pairs, Vector512<int> idx)
    {
        // pairs is 1, 2, 4 or 8. Bit 5 of the code chooses within (0,1), (2,3), ...; bit 6 then
        // chooses between those winners, bit 7 last: a blend tree of pairs − 1 selects.
        if (pairs == 1) return part[0];
        var m5 = Vector512.LessThan(Vector512.ShiftLeft(idx, 26), Vector512<int>.Zero).AsSingle();
        Vector512<float> p01 = Vector512.ConditionalSelect(m5, part[1], part[0]);
        if (pairs == 2) return p01;
        var m6 = Vector512.LessThan(Vector512.ShiftLeft(idx, 25), Vector512<int>.Zero).AsSingle();
        Vector512<float> p03 = Vector512.ConditionalSelect(m6, Vector512.ConditionalSelect(m5, part[3], part[2]), p01);
        if (pairs == 4) return p03;
        Vector512<float> p47 = Vector512.ConditionalSelect(m6,
            Vector512.ConditionalSelect(m5, part[7], part[6]),
            Vector512.ConditionalSelect(m5, part[5], part[4]));
        var m7 = Vector512.LessThan(Vector512.ShiftLeft(idx, 24), Vector512<int>.Zero).AsSingle();
        return Vector512.ConditionalSelect(m7, p47, p03);
    }

    private static void ScanAvx2K16(float* t, byte* c, int count, int m, TopKHeap heap, int exclude)
    {
        // Two 8-entry halves per sub-table; vpermps looks up both and bit 3 of the code picks one.
        float* padded = t;
        float* acc = stackalloc float[BlockSize];
        int blocks = (count + BlockSize - 1) / BlockSize;
        var threshold = Vector256.Create(heap.Threshold);
        for (int b = 0; b < blocks; b++)
        {
            byte* cb = c + (long)b * BlockSize * m;
            Vector256<float> lo = Vector256<float>.Zero, hi = Vector256<float>.Zero;
            for (int s = 0; s < m; s++)
            {
                Vector256<float> t0 = Vector256.Load(padded + s * 16), t1 = Vector256.Load(padded + s * 16 + 8);
                Vector256<int> i0 = Avx2.ConvertToVector256Int32(cb + s * BlockSize);
                Vector256<int> i1 = Avx2.ConvertToVector256Int32(cb + s * BlockSize + 8);
                lo = Avx.Add(lo, Avx.BlendVariable(Avx2.PermuteVar8x32(t0, i0), Avx2.PermuteVar8x32(t1, i0), Avx2.ShiftLeftLogical(i0, 28).AsSingle()));
                hi = Avx.Add(hi, Avx.BlendVariable(Avx2.PermuteVar8x32(t0, i1), Avx2.PermuteVar8x32(t1, i1), Avx2.ShiftLeftLogical(i1, 28).AsSingle()));
            }
            uint hits = Vector256.LessThan(lo, threshold).ExtractMostSignificantBits() | (Vector256.LessThan(hi, threshold).ExtractMostSignificantBits() << 8);
            if (hits != 0) threshold = Vector256.Create(Offer256(lo, hi, hits, b, count, acc, heap, exclude));
        }
    }

    private static void ScanAvx2Gather(float* t, byte* c, int count, int m, int stride, TopKHeap heap, int exclude)
    {
        float* acc = stackalloc float[BlockSize];
        int blocks = (count + BlockSize - 1) / BlockSize;
        var threshold = Vector256.Create(heap.Threshold);
        for (int b = 0; b < blocks; b++)
        {
            byte* cb = c + (long)b * BlockSize * m;
            Vector256<float> lo = Vector256<float>.Zero, hi = Vector256<float>.Zero;
            for (int s = 0; s < m; s++)
            {
                float* ts = t + s * stride;
                lo = Avx.Add(lo, Avx2.GatherVector256(ts, Avx2.ConvertToVector256Int32(cb + s * BlockSize), 4));
                hi = Avx.Add(hi, Avx2.GatherVector256(ts, Avx2.ConvertToVector256Int32(cb + s * BlockSize + 8), 4));
            }
            uint hits = Vector256.LessThan(lo, threshold).ExtractMostSignificantBits() | (Vector256.LessThan(hi, threshold).ExtractMostSignificantBits() << 8);
            if (hits != 0) threshold = Vector256.Create(Offer256(lo, hi, hits, b, count, acc, heap, exclude));
        }
    }

    private static Vector512<float> Offer(Vector512<float> sum, ulong hits, int block, int count, float* acc, TopKHeap heap, int exclude)
    {
        sum.Store(acc);
        return Vector512.Create(OfferLanes((uint)hits, block, count, acc, heap, exclude));
    }

    private static float Offer256(Vector256<float> lo, Vector256<float> hi, uint hits, int block, int count, float* acc, TopKHeap heap, int exclude)
    {
        lo.Store(acc);
        hi.Store(acc + 8);
        return OfferLanes(hits, block, count, acc, heap, exclude);
    }

    /// <summary>Pushes the flagged lanes in lane order (ascending id), re-checking the moving threshold.</summary>
    private static float OfferLanes(uint hits, int block, int count, float* acc, TopKHeap heap, int exclude)
    {
        int baseId = block * BlockSize;
        int lanes = Math.Min(BlockSize, count - baseId);
        if (lanes < BlockSize) hits &= (1u << lanes) - 1;
        float threshold = heap.Threshold;
        while (hits != 0)
        {
            int lane = System.Numerics.BitOperations.TrailingZeroCount(hits);
            hits &= hits - 1;
            int id = baseId + lane;
            if (acc[lane] < threshold && id != exclude)
            {
                heap.Push(acc[lane], id);
                threshold = heap.Threshold;
            }
        }
        return threshold;
    }
}
