using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Workbench.Retrieval;

/// <summary>
/// ADC scan kernels over block-interleaved codes: block b holds 16 items stored sub-space by
/// sub-space (<c>codes[b·16·M + m·16 + lane]</c>), so one 16-byte load feeds 16 lanes. A batch of
/// queries is scanned together: each block's codes are widened once and then looked up in every
/// query's table while they sit in L1, so the code array streams through memory once per batch
/// instead of once per query. For every item the distance is Σ_m T[m, b_m] accumulated in float32
/// in ascending m (the order of a plain loop), then compared with the query's top-k threshold; only
/// items that beat it are pushed.
/// </summary>
internal static unsafe class PqScan
{
    public const int BlockSize = 16;

    /// <summary>
    /// The kernel to run. Auto takes the 4-bit fast scan (<see cref="PqFastScan"/>) for K ≤ 16 when
    /// the CPU can run it, else in-register permutes (AVX-512, else AVX2); for 16 &lt; K ≤ 256 the
    /// byte-table fast scan (<see cref="PqFastScanVbmi"/>) where the CPU has AVX-512 VBMI, else the
    /// scalar 16-lane loop: on an AMD EPYC (Zen 4), measured during development, the scalar loop
    /// beat both the vpermt2ps blend tree and AVX2 gathers for K = 256 at M ≥ 8 and was steadier at M = 4.
    /// </summary>
    public static PqScanKernel Resolve(PqScanKernel requested, int codewords, int subspaces = 1) =>
        Resolve(requested, codewords, subspaces, Avx512F.IsSupported && Avx512BW.IsSupported, Avx2.IsSupported, Bmi2.IsSupported,
            Avx512F.IsSupported && Avx512BW.IsSupported && Avx512Vbmi.IsSupported);

    /// <summary>
    /// <see cref="Resolve(PqScanKernel, int, int)"/> for a CPU with the given instruction sets, so
    /// that the choice on other CPUs (an AVX2-only one, say) can be tested on this one.
    /// </summary>
    internal static PqScanKernel Resolve(PqScanKernel requested, int codewords, int subspaces, bool avx512, bool avx2, bool bmi2, bool vbmi = false)
    {
        bool fast = avx2 && bmi2 && PqFastScan.Fits(subspaces, codewords);
        bool bytes = avx512 && vbmi && PqFastScanVbmi.Fits(subspaces, codewords);
        PqScanKernel permute = codewords > 16 ? bytes ? PqScanKernel.FastScanVbmi : PqScanKernel.Scalar
            : avx512 ? PqScanKernel.Avx512 : avx2 ? PqScanKernel.Avx2 : PqScanKernel.Scalar;
        PqScanKernel auto = fast ? avx512 ? PqScanKernel.FastScan : PqScanKernel.FastScanAvx2 : permute;
        return requested switch
        {
            PqScanKernel.FastScanAvx2 when fast => PqScanKernel.FastScanAvx2,
            PqScanKernel.FastScanVbmi when bytes => PqScanKernel.FastScanVbmi,
            PqScanKernel.Auto or PqScanKernel.FastScan or PqScanKernel.FastScanAvx2 or PqScanKernel.FastScanVbmi => auto,
            PqScanKernel.Avx512 when !avx512 => throw new PlatformNotSupportedException("This CPU has no AVX-512F/BW; use PqScanKernel.Auto."),
            PqScanKernel.Avx2 when !avx2 => throw new PlatformNotSupportedException("This CPU has no AVX2; use PqScanKernel.Auto."),
            _ => requested,
        };
    }

    /// <summary>Row stride of a scan table for K codewords: 16 for K ≤ 16, else the next power of two ≥ K (zero padded).</summary>
    public static int TableStride(int codewords) => codewords <= 16 ? 16 : (int)BitOperations.RoundUpToPowerOf2((uint)codewords);

    /// <summary>Scratch ints the kernels need for M sub-spaces: up to four prepared 16-lane vectors each.</summary>
    public static int ScratchInts(int subspaces) => subspaces * 4 * BlockSize;

    /// <summary>Queries scanned together: as many tables as fit in ~32 KB (L1), between 1 and 16.</summary>
    public static int BatchSize(int subspaces, int codewords) => Math.Clamp((32 << 10) / (subspaces * TableStride(codewords) * 4), 1, 16);

    /// <summary>Scans <paramref name="count"/> items for a batch of queries.</summary>
    /// <param name="kernel">A resolved kernel (not Auto, not a fast scan).</param>
    /// <param name="tables">Per query a row-major <c>[M, TableStride(K)]</c> table, zero padded; <c>batch</c> tables back to back.</param>
    /// <param name="codes">Block-interleaved codes, padded to whole blocks.</param>
    /// <param name="count">Number of items N.</param>
    /// <param name="subspaces">M.</param>
    /// <param name="codewords">K.</param>
    /// <param name="topK">One top-k reservoir per query of the batch (its length is the batch size).</param>
    /// <param name="excludes">Per query an id never offered (self-exclusion), or −1.</param>
    /// <param name="scratch">At least <see cref="ScratchInts"/>(M) ints of scratch for prepared codes.</param>
    public static void Scan(PqScanKernel kernel, ReadOnlySpan<float> tables, ReadOnlySpan<byte> codes, int count, int subspaces, int codewords,
        ReadOnlySpan<TopKReservoir> topK, ReadOnlySpan<int> excludes, Span<int> scratch)
    {
        int stride = TableStride(codewords), batch = topK.Length;
        if (tables.Length < batch * subspaces * stride) throw new ArgumentException("Scan tables are smaller than batch x M x stride.");
        if (codes.Length < (count + BlockSize - 1) / BlockSize * BlockSize * subspaces) throw new ArgumentException("Code buffer is smaller than the padded blocks.");
        if (excludes.Length < batch || scratch.Length < ScratchInts(subspaces)) throw new ArgumentException("Exclusion or scratch buffers are too small.");
        Span<float> thresholds = stackalloc float[batch];
        for (int i = 0; i < batch; i++) thresholds[i] = topK[i].Threshold;
        var job = new Job(count, subspaces, stride, batch);
        fixed (float* t = tables)
        fixed (byte* c = codes)
        fixed (int* w = scratch)
        fixed (float* thr = thresholds)
        {
            switch (kernel)
            {
                case PqScanKernel.Avx512 when codewords <= 16:
                    ScanAvx512K16(job, t, c, (Vector512<int>*)w, thr, topK, excludes);
                    break;
                case PqScanKernel.Avx512:
                    ScanAvx512Permute(job, t, c, (Vector512<int>*)w, thr, topK, excludes);
                    break;
                case PqScanKernel.Avx2 when codewords <= 16:
                    ScanAvx2K16(job, t, c, (Vector256<int>*)w, thr, topK, excludes);
                    break;
                case PqScanKernel.Avx2:
                    ScanAvx2Gather(job, t, c, (Vector256<int>*)w, thr, topK, excludes);
                    break;
                default:
                    ScanScalar(job, t, c, thr, topK, excludes);
                    break;
            }
        }
    }

    private readonly record struct Job(int Count, int M, int Stride, int Batch)
    {
        public int Blocks => (Count + BlockSize - 1) / BlockSize;
    }

    private static void ScanScalar(Job j, float* t, byte* c, float* thr, ReadOnlySpan<TopKReservoir> topK, ReadOnlySpan<int> excludes)
    {
        // Sixteen independent running sums (one per lane) keep table loads and adds overlapped;
        // each item still adds its sub-distances in ascending m.
        float* acc = stackalloc float[BlockSize];
        int m = j.M;
        for (int b = 0; b < j.Blocks; b++)
        {
            byte* cb = c + (long)b * BlockSize * m;
            for (int q = 0; q < j.Batch; q++)
            {
                float* tq = t + q * m * j.Stride;
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                float s8 = 0, s9 = 0, sa = 0, sb = 0, sc = 0, sd = 0, se = 0, sf = 0;
                byte* cs = cb;
                float* ts = tq;
                for (int s = 0; s < m; s++, cs += BlockSize, ts += j.Stride)
                {
                    s0 += ts[cs[0]]; s1 += ts[cs[1]]; s2 += ts[cs[2]]; s3 += ts[cs[3]];
                    s4 += ts[cs[4]]; s5 += ts[cs[5]]; s6 += ts[cs[6]]; s7 += ts[cs[7]];
                    s8 += ts[cs[8]]; s9 += ts[cs[9]]; sa += ts[cs[10]]; sb += ts[cs[11]];
                    sc += ts[cs[12]]; sd += ts[cs[13]]; se += ts[cs[14]]; sf += ts[cs[15]];
                }
                acc[0] = s0; acc[1] = s1; acc[2] = s2; acc[3] = s3; acc[4] = s4; acc[5] = s5; acc[6] = s6; acc[7] = s7;
                acc[8] = s8; acc[9] = s9; acc[10] = sa; acc[11] = sb; acc[12] = sc; acc[13] = sd; acc[14] = se; acc[15] = sf;
                uint hits = 0;
                for (int lane = 0; lane < BlockSize; lane++) hits |= (acc[lane] < thr[q] ? 1u : 0u) << lane;
                if (hits != 0) thr[q] = OfferLanes(hits, b, j.Count, acc, topK[q], excludes[q]);
            }
        }
    }

    /// <summary>
    /// A 16-lane table lookup, T[code[lane]] for one sub-space. <see cref="Prepare"/> turns a block's
    /// widened codes into what <see cref="Lookup"/> needs once per block and sub-space, so the work is
    /// shared by every query of the batch.
    /// </summary>
    private interface ILookup512
    {
        /// <summary>Vectors written by <see cref="Prepare"/> per sub-space.</summary>
        static abstract int Prepared { get; }

        static abstract void Prepare(Vector512<int> codes, Vector512<int>* prepared);

        static abstract Vector512<float> Lookup(float* ts, int pairs, Vector512<int>* prepared);
    }

    /// <summary>K ≤ 16: the sub-table is one zmm register; vpermps looks up 16 lanes at once.</summary>
    private struct Permute16 : ILookup512
    {
        public static int Prepared => 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Prepare(Vector512<int> codes, Vector512<int>* prepared) => prepared[0] = codes;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Lookup(float* ts, int pairs, Vector512<int>* prepared) => Avx512F.PermuteVar16x32(Vector512.Load(ts), prepared[0]);
    }

    /// <summary>
    /// 16 &lt; K ≤ 256: the sub-table is cut into 32-entry register pairs; vpermt2ps looks up the low
    /// five code bits in each pair and bits 5..7 pick the pair through a blend tree. The three
    /// lane masks (bit 5, 6, 7 set) are prepared once per block and sub-space.
    /// </summary>
    private struct PermutePairs : ILookup512
    {
        public static int Prepared => 4;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Prepare(Vector512<int> codes, Vector512<int>* prepared)
        {
            prepared[0] = codes;
            prepared[1] = Vector512.ShiftRightArithmetic(Vector512.ShiftLeft(codes, 26), 31);
            prepared[2] = Vector512.ShiftRightArithmetic(Vector512.ShiftLeft(codes, 25), 31);
            prepared[3] = Vector512.ShiftRightArithmetic(Vector512.ShiftLeft(codes, 24), 31);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Lookup(float* ts, int pairs, Vector512<int>* prepared)
        {
            Vector512<int> idx = prepared[0];
            if (pairs == 1) return Pair(ts, 0, idx);
            Vector512<float> m5 = prepared[1].AsSingle();
            Vector512<float> p01 = Vector512.ConditionalSelect(m5, Pair(ts, 1, idx), Pair(ts, 0, idx));
            if (pairs == 2) return p01;
            Vector512<float> m6 = prepared[2].AsSingle();
            Vector512<float> p03 = Vector512.ConditionalSelect(m6, Vector512.ConditionalSelect(m5, Pair(ts, 3, idx), Pair(ts, 2, idx)), p01);
            if (pairs == 4) return p03;
            Vector512<float> p47 = Vector512.ConditionalSelect(m6,
                Vector512.ConditionalSelect(m5, Pair(ts, 7, idx), Pair(ts, 6, idx)),
                Vector512.ConditionalSelect(m5, Pair(ts, 5, idx), Pair(ts, 4, idx)));
            return Vector512.ConditionalSelect(prepared[3].AsSingle(), p47, p03);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Pair(float* ts, int p, Vector512<int> idx) =>
            Avx512F.PermuteVar16x32x2(Vector512.Load(ts + p * 32), idx, Vector512.Load(ts + p * 32 + 16));
    }

    private static void ScanAvx512K16(Job j, float* t, byte* c, Vector512<int>* prepared, float* thr, ReadOnlySpan<TopKReservoir> topK, ReadOnlySpan<int> excludes) =>
        Scan512<Permute16>(j, t, c, prepared, thr, topK, excludes);

    private static void ScanAvx512Permute(Job j, float* t, byte* c, Vector512<int>* prepared, float* thr, ReadOnlySpan<TopKReservoir> topK, ReadOnlySpan<int> excludes) =>
        Scan512<PermutePairs>(j, t, c, prepared, thr, topK, excludes);

    private static void Scan512<TLookup>(Job j, float* t, byte* c, Vector512<int>* prepared, float* thr, ReadOnlySpan<TopKReservoir> topK, ReadOnlySpan<int> excludes)
        where TLookup : struct, ILookup512
    {
        // Four queries at a time share each prepared code vector and give four independent add chains.
        float* acc = stackalloc float[BlockSize];
        int m = j.M, stride = j.Stride, pairs = stride / 32, tableSize = m * stride, per = TLookup.Prepared;
        for (int b = 0; b < j.Blocks; b++)
        {
            byte* cb = c + (long)b * BlockSize * m;
            for (int s = 0; s < m; s++) TLookup.Prepare(Avx512F.ConvertToVector512Int32(Vector128.Load(cb + s * BlockSize)), prepared + s * per);
            int q = 0;
            for (; q + 4 <= j.Batch; q += 4)
            {
                float* t0 = t + q * tableSize;
                Vector512<float> s0 = Vector512<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (int s = 0; s < m; s++)
                {
                    Vector512<int>* ps = prepared + s * per;
                    float* ts = t0 + s * stride;
                    s0 = Avx512F.Add(s0, TLookup.Lookup(ts, pairs, ps));
                    s1 = Avx512F.Add(s1, TLookup.Lookup(ts + tableSize, pairs, ps));
                    s2 = Avx512F.Add(s2, TLookup.Lookup(ts + 2 * tableSize, pairs, ps));
                    s3 = Avx512F.Add(s3, TLookup.Lookup(ts + 3 * tableSize, pairs, ps));
                }
                Check(s0, q, b, j.Count, acc, thr, topK, excludes);
                Check(s1, q + 1, b, j.Count, acc, thr, topK, excludes);
                Check(s2, q + 2, b, j.Count, acc, thr, topK, excludes);
                Check(s3, q + 3, b, j.Count, acc, thr, topK, excludes);
            }
            for (; q < j.Batch; q++)
            {
                float* tq = t + q * tableSize;
                Vector512<float> sum = Vector512<float>.Zero;
                for (int s = 0; s < m; s++) sum = Avx512F.Add(sum, TLookup.Lookup(tq + s * stride, pairs, prepared + s * per));
                Check(sum, q, b, j.Count, acc, thr, topK, excludes);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check(Vector512<float> sum, int q, int block, int count, float* acc, float* thr, ReadOnlySpan<TopKReservoir> topK, ReadOnlySpan<int> excludes)
    {
        ulong hits = Vector512.LessThan(sum, Vector512.Create(thr[q])).ExtractMostSignificantBits();
        if (hits == 0) return;
        sum.Store(acc);
        thr[q] = OfferLanes((uint)hits, block, count, acc, topK[q], excludes[q]);
    }

    /// <summary>An 8-lane table lookup for AVX2.</summary>
    private interface ILookup256
    {
        static abstract Vector256<float> Lookup(float* ts, Vector256<int> idx);
    }

    /// <summary>K ≤ 16: two 8-entry halves; vpermps looks up both and bit 3 of the code picks one.</summary>
    private struct Permute2x8 : ILookup256
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Lookup(float* ts, Vector256<int> idx) =>
            Avx.BlendVariable(Avx2.PermuteVar8x32(Vector256.Load(ts), idx), Avx2.PermuteVar8x32(Vector256.Load(ts + 8), idx), Avx2.ShiftLeftLogical(idx, 28).AsSingle());
    }

    /// <summary>Any K: vgatherdps from the table.</summary>
    private struct Gather : ILookup256
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Lookup(float* ts, Vector256<int> idx) => Avx2.GatherVector256(ts, idx, 4);
    }

    private static void ScanAvx2K16(Job j, float* t, byte* c, Vector256<int>* idx, float* thr, ReadOnlySpan<TopKReservoir> topK, ReadOnlySpan<int> excludes) =>
        Scan256<Permute2x8>(j, t, c, idx, thr, topK, excludes);

    private static void ScanAvx2Gather(Job j, float* t, byte* c, Vector256<int>* idx, float* thr, ReadOnlySpan<TopKReservoir> topK, ReadOnlySpan<int> excludes) =>
        Scan256<Gather>(j, t, c, idx, thr, topK, excludes);

    private static void Scan256<TLookup>(Job j, float* t, byte* c, Vector256<int>* idx, float* thr, ReadOnlySpan<TopKReservoir> topK, ReadOnlySpan<int> excludes)
        where TLookup : struct, ILookup256
    {
        // A 16-item block is two 8-lane halves; two queries at a time give four independent add chains.
        float* acc = stackalloc float[BlockSize];
        int m = j.M, stride = j.Stride, tableSize = m * stride;
        for (int b = 0; b < j.Blocks; b++)
        {
            byte* cb = c + (long)b * BlockSize * m;
            for (int s = 0; s < m; s++)
            {
                idx[2 * s] = Avx2.ConvertToVector256Int32(cb + s * BlockSize);
                idx[2 * s + 1] = Avx2.ConvertToVector256Int32(cb + s * BlockSize + 8);
            }
            int q = 0;
            for (; q + 2 <= j.Batch; q += 2)
            {
                float* t0 = t + q * tableSize;
                Vector256<float> lo0 = Vector256<float>.Zero, hi0 = lo0, lo1 = lo0, hi1 = lo0;
                for (int s = 0; s < m; s++)
                {
                    Vector256<int> i0 = idx[2 * s], i1 = idx[2 * s + 1];
                    float* ts = t0 + s * stride;
                    lo0 = Avx.Add(lo0, TLookup.Lookup(ts, i0));
                    hi0 = Avx.Add(hi0, TLookup.Lookup(ts, i1));
                    lo1 = Avx.Add(lo1, TLookup.Lookup(ts + tableSize, i0));
                    hi1 = Avx.Add(hi1, TLookup.Lookup(ts + tableSize, i1));
                }
                Check(lo0, hi0, q, b, j.Count, acc, thr, topK, excludes);
                Check(lo1, hi1, q + 1, b, j.Count, acc, thr, topK, excludes);
            }
            for (; q < j.Batch; q++)
            {
                float* tq = t + q * tableSize;
                Vector256<float> lo = Vector256<float>.Zero, hi = lo;
                for (int s = 0; s < m; s++)
                {
                    lo = Avx.Add(lo, TLookup.Lookup(tq + s * stride, idx[2 * s]));
                    hi = Avx.Add(hi, TLookup.Lookup(tq + s * stride, idx[2 * s + 1]));
                }
                Check(lo, hi, q, b, j.Count, acc, thr, topK, excludes);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check(Vector256<float> lo, Vector256<float> hi, int q, int block, int count, float* acc, float* thr, ReadOnlySpan<TopKReservoir> topK, ReadOnlySpan<int> excludes)
    {
        var threshold = Vector256.Create(thr[q]);
        uint hits = Vector256.LessThan(lo, threshold).ExtractMostSignificantBits() | (Vector256.LessThan(hi, threshold).ExtractMostSignificantBits() << 8);
        if (hits == 0) return;
        lo.Store(acc);
        hi.Store(acc + 8);
        thr[q] = OfferLanes(hits, block, count, acc, topK[q], excludes[q]);
    }

    /// <summary>
    /// Appends the flagged lanes in lane order (ascending id). The lanes beat the threshold the block
    /// started with; one that no longer beats the moved threshold is harmless (the next compaction
    /// drops it), and skipping the per-lane re-check avoids a mispredicted branch per candidate.
    /// </summary>
    private static float OfferLanes(uint hits, int block, int count, float* acc, TopKReservoir topK, int exclude)
    {
        int baseId = block * BlockSize;
        int lanes = Math.Min(BlockSize, count - baseId);
        if (lanes < BlockSize) hits &= (1u << lanes) - 1;
        if ((uint)(exclude - baseId) < BlockSize) hits &= ~(1u << (exclude - baseId));
        while (hits != 0)
        {
            int lane = BitOperations.TrailingZeroCount(hits);
            hits &= hits - 1;
            topK.Push(acc[lane], baseId + lane);
        }
        return topK.Threshold;
    }

}
