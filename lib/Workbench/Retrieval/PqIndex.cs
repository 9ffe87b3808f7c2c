using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Retrieval;

/// <summary>
/// A product-quantization index: one byte code per sub-space for each database vector, searched
/// by asymmetric distance computation (ADC): for a raw query q, the table T[m, k] = s(q_m, c_mk)
/// is computed once and the distance to item i is Σ_m T[m, b_im] (papers.md 2.4). Codes are kept
/// block-interleaved by sub-space for a SIMD scan (AVX-512, AVX2 or scalar), and for K ≤ 16 also
/// packed as 4-bit codes for the fast scan (quantized byte tables in registers, then exact
/// re-ranking: same results as exact ADC, see <see cref="PqScanKernel.FastScan"/>), for larger K on
/// AVX-512 VBMI CPUs in 64-item byte blocks for its byte-table twin (<see cref="PqScanKernel.FastScanVbmi"/>); each query keeps its
/// best k in a bounded top-k reservoir (<c>TopKReservoir</c>), and batches of queries run in parallel. Results are ordered by distance, then by
/// database id. Save/load use a versioned, checksummed binary format (<see cref="Save(string)"/>).
/// </summary>
public sealed class PqIndex
{
    private byte[] _blocked = [];
    private byte[]? _packed;
    private byte[]? _packed64;
    private readonly object _packLock = new();

    /// <summary>An empty index over <paramref name="quantizer"/>'s codebooks.</summary>
    /// <param name="quantizer">Codebooks used to encode and to build distance tables.</param>
    /// <param name="subDistance">Per-sub-space distance summed by ADC: squared (textbook, FAISS) or Euclidean (SPQ official).</param>
    public PqIndex(ProductQuantizer quantizer, PqSubDistance subDistance = PqSubDistance.Squared)
    {
        Quantizer = quantizer ?? throw new ArgumentNullException(nameof(quantizer));
        if (!Enum.IsDefined(subDistance)) throw new ArgumentException($"Unknown sub-distance {subDistance}.", nameof(subDistance));
        SubDistance = subDistance;
    }

    /// <summary>The codebooks.</summary>
    public ProductQuantizer Quantizer { get; }

    /// <summary>Per-sub-space distance used by <see cref="Search(float[], int, bool)"/>.</summary>
    public PqSubDistance SubDistance { get; }

    /// <summary>Number of indexed vectors N.</summary>
    public int Count { get; private set; }

    /// <summary>Scan kernel; <see cref="PqScanKernel.Auto"/> (default) picks by K and CPU (see <see cref="PqScanKernel"/>).</summary>
    public PqScanKernel Kernel { get; set; } = PqScanKernel.Auto;

    /// <summary>Maximum threads for a multi-query search; −1 (default) = all cores.</summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>Encodes <c>[n, D]</c> vectors with the quantizer and appends them (ids Count .. Count + n − 1).</summary>
    public void Add(Tensor vectors)
    {
        using var codes = Quantizer.Encode(vectors);
        AddCodes(codes);
    }

    /// <summary>Appends codes <c>[n, M]</c> (uint8 or integer, any device).</summary>
    public void AddCodes(Tensor codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.dim() != 2 || codes.shape[1] != Quantizer.SubspaceCount)
            throw new ArgumentException($"Codes must be [n, {Quantizer.SubspaceCount}], got shape [{string.Join(", ", codes.shape)}].", nameof(codes));
        using var scope = NewDisposeScope();
        Tensor wide = codes.to(ScalarType.Int64, CPU);
        if (wide.numel() > 0 && (wide.min().item<long>() < 0 || wide.max().item<long>() > 255))
            throw new ArgumentException("Codes must be in [0, 255].", nameof(codes));
        AddCodes(wide.to(ScalarType.Byte).contiguous().data<byte>().ToArray());
    }

    /// <summary>Appends row-major codes <c>[n, M]</c>.</summary>
    /// <exception cref="ArgumentException">Length not a multiple of M, or a code ≥ K.</exception>
    public void AddCodes(ReadOnlySpan<byte> codes)
    {
        int m = Quantizer.SubspaceCount, k = Quantizer.CodewordCount;
        if (codes.Length % m != 0) throw new ArgumentException($"Code bytes ({codes.Length}) are not a multiple of M = {m}.", nameof(codes));
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] >= k) throw new ArgumentException($"Code {codes[i]} at byte {i} is not below K = {k}.", nameof(codes));
        }
        long total = (long)Count + codes.Length / m;
        if (total > int.MaxValue - PqScan.BlockSize) throw new InvalidOperationException($"A PqIndex holds at most {int.MaxValue - PqScan.BlockSize} vectors.");
        int n = (int)total;
        long needed = (long)(n + PqScan.BlockSize - 1) / PqScan.BlockSize * PqScan.BlockSize * m;
        if (needed > _blocked.LongLength) Array.Resize(ref _blocked, (int)Math.Max(needed, Math.Min((long)_blocked.Length * 2, Array.MaxLength)));
        for (int r = 0, id = Count; r < codes.Length / m; r++, id++)
        {
            int block = id / PqScan.BlockSize, lane = id % PqScan.BlockSize;
            int baseOffset = block * PqScan.BlockSize * m + lane;
            for (int s = 0; s < m; s++) _blocked[baseOffset + s * PqScan.BlockSize] = codes[r * m + s];
        }
        lock (_packLock)
        {
            _packed = null;
            _packed64 = null;
            Count = n;
        }
    }

    /// <summary>The codes as row-major <c>[N, M]</c> bytes.</summary>
    public byte[] GetCodes()
    {
        int m = Quantizer.SubspaceCount;
        var codes = new byte[(long)Count * m];
        for (int id = 0; id < Count; id++)
        {
            int baseOffset = id / PqScan.BlockSize * PqScan.BlockSize * m + id % PqScan.BlockSize;
            for (int s = 0; s < m; s++) codes[id * m + s] = _blocked[baseOffset + s * PqScan.BlockSize];
        }
        return codes;
    }

    /// <summary>The k nearest items of every query by ADC distance.</summary>
    /// <param name="queries"><c>[Q, D]</c> raw query vectors (any float dtype and device; converted to float32).</param>
    /// <param name="k">Neighbours per query; clamped to the candidate count.</param>
    /// <param name="excludeSelf">Queries are the indexed items themselves: query q skips item q.</param>
    public SearchHits Search(Tensor queries, int k, bool excludeSelf = false)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.dim() != 2 || queries.shape[1] != Quantizer.Dimension)
            throw new ArgumentException($"Queries must be [Q, {Quantizer.Dimension}], got shape [{string.Join(", ", queries.shape)}].", nameof(queries));
        using var cpu = queries.detach().to(ScalarType.Float32, CPU).contiguous();
        return Search(cpu.data<float>().ToArray(), k, excludeSelf);
    }

    /// <summary>The k nearest items of every query by ADC distance.</summary>
    /// <param name="queries">Row-major <c>[Q, D]</c> raw query vectors.</param>
    /// <param name="k">Neighbours per query; clamped to the candidate count.</param>
    /// <param name="excludeSelf">Queries are the indexed items themselves: query q skips item q.</param>
    /// <returns>Ids and ADC distances, ascending distance then ascending id.</returns>
    /// <exception cref="ArgumentException">Wrong length, non-finite values, k &lt; 1, or excludeSelf with Q ≠ N.</exception>
    public SearchHits Search(float[] queries, int k, bool excludeSelf = false)
    {
        ArgumentNullException.ThrowIfNull(queries);
        int dim = Quantizer.Dimension, m = Quantizer.SubspaceCount, kw = Quantizer.CodewordCount;
        if (queries.Length % dim != 0) throw new ArgumentException($"Query floats ({queries.Length}) are not a multiple of D = {dim}.", nameof(queries));
        if (k < 1) throw new ArgumentException($"k must be at least 1, got {k}.", nameof(k));
        foreach (float v in queries)
        {
            if (!float.IsFinite(v)) throw new ArgumentException("Queries contain NaN or infinite values.", nameof(queries));
        }
        int q = queries.Length / dim;
        if (excludeSelf && q != Count) throw new ArgumentException($"excludeSelf needs one query per indexed item, got {q} queries for {Count} items.", nameof(excludeSelf));
        int depth = Math.Min(k, Count - (excludeSelf ? 1 : 0));
        ExactSearch.CheckResultSize(q, depth);
        var ids = new int[(long)q * depth];
        var scores = new float[(long)q * depth];
        if (depth > 0 && q > 0)
        {
            PqScanKernel kernel = PqScan.Resolve(Kernel, kw, m);
            if (kernel is PqScanKernel.FastScan or PqScanKernel.FastScanAvx2 or PqScanKernel.FastScanVbmi)
            {
                FastSearch(queries, q, depth, excludeSelf, kernel, ids, scores);
                return new SearchHits(q, depth, Count, ids, scores, higherIsBetter: false, excludesSelf: excludeSelf);
            }
            int stride = PqScan.TableStride(kw), batch = PqScan.BatchSize(m, kw);
            int batches = (q + batch - 1) / batch;
            var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism };
            Parallel.For(0, batches, options,
                () => new SearchScratch(m, kw, stride, batch, depth),
                (bi, _, s) =>
                {
                    int first = bi * batch, size = Math.Min(batch, q - first);
                    for (int j = 0; j < size; j++)
                    {
                        int i = first + j;
                        Quantizer.ComputeDistanceTable(queries.AsSpan(i * dim, dim), s.Raw, SubDistance);
                        for (int sub = 0; sub < m; sub++) s.Raw.AsSpan(sub * kw, kw).CopyTo(s.Tables.AsSpan((j * m + sub) * stride));
                        s.TopK[j].Clear();
                        s.Excludes[j] = excludeSelf ? i : -1;
                    }
                    PqScan.Scan(kernel, s.Tables, _blocked, Count, m, kw, s.TopK.AsSpan(0, size), s.Excludes, s.Scratch);
                    for (int j = 0; j < size; j++)
                    {
                        int i = first + j;
                        s.TopK[j].DrainSorted(ids.AsSpan(i * depth, depth), scores.AsSpan(i * depth, depth));
                    }
                    return s;
                },
                _ => { });
        }
        return new SearchHits(q, depth, Count, ids, scores, higherIsBetter: false, excludesSelf: excludeSelf);
    }

    /// <summary>
    /// A quantized fast scan, one query per task, results identical to exact ADC: 4-bit codes
    /// (<see cref="PqFastScan"/>) or byte codes (<see cref="PqFastScanVbmi"/>).
    /// </summary>
    private void FastSearch(float[] queries, int q, int depth, bool excludeSelf, PqScanKernel kernel, int[] ids, float[] scores)
    {
        int dim = Quantizer.Dimension, m = Quantizer.SubspaceCount, kw = Quantizer.CodewordCount, count = Count;
        bool bytes = kernel == PqScanKernel.FastScanVbmi, wide = kernel == PqScanKernel.FastScan;
        byte[] packed = bytes ? BytePackedCodes() : PackedCodes();
        int lutStride = bytes ? PqFastScanVbmi.LutStride : 16;
        int lutBytes = bytes ? m * PqFastScanVbmi.LutStride : PqFastScan.BlockBytes(m);
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism };
        Parallel.For(0, q, options,
            () => (Table: new float[m * kw], Lut: new byte[lutBytes], Kept: new QuantizedCandidates(depth), Top: new TopKReservoir(depth)),
            (i, _, s) =>
            {
                Quantizer.ComputeDistanceTable(queries.AsSpan(i * dim, dim), s.Table, SubDistance);
                double inverse = PqFastScan.Quantize(s.Table, m, kw, s.Lut, lutStride);
                s.Top.Clear();
                if (bytes) PqFastScanVbmi.Scan(packed, count, m, kw, s.Table, s.Lut, inverse, s.Kept, s.Top, excludeSelf ? i : -1);
                else PqFastScan.Scan(wide, packed, count, m, kw, s.Table, s.Lut, inverse, s.Kept, s.Top, excludeSelf ? i : -1);
                s.Top.DrainSorted(ids.AsSpan(i * depth, depth), scores.AsSpan(i * depth, depth));
                return s;
            },
            _ => { });
    }

    /// <summary>The codes packed for the 4-bit fast scan, built on first use after the last <see cref="AddCodes(ReadOnlySpan{byte})"/>.</summary>
    private byte[] PackedCodes()
    {
        lock (_packLock)
        {
            return _packed ??= PqFastScan.Pack(_blocked, Count, Quantizer.SubspaceCount);
        }
    }

    /// <summary>The codes in 64-item blocks for the byte fast scan, built on first use after the last <see cref="AddCodes(ReadOnlySpan{byte})"/>.</summary>
    private byte[] BytePackedCodes()
    {
        lock (_packLock)
        {
            return _packed64 ??= PqFastScanVbmi.Pack(_blocked, Count, Quantizer.SubspaceCount);
        }
    }

    /// <summary>Per-thread buffers of a search: one table and top-k reservoir per query of a batch.</summary>
    private sealed class SearchScratch(int m, int codewords, int stride, int batch, int depth)
    {
        public float[] Raw { get; } = new float[m * codewords];
        public float[] Tables { get; } = new float[batch * m * stride]; // padding stays zero
        public TopKReservoir[] TopK { get; } = Enumerable.Range(0, batch).Select(_ => new TopKReservoir(depth)).ToArray();
        public int[] Excludes { get; } = new int[batch];
        public int[] Scratch { get; } = new int[PqScan.ScratchInts(m)];
    }

    /// <summary>Writes the index to <paramref name="path"/> (format in <see cref="Save(Stream)"/>).</summary>
    public void Save(string path)
    {
        using var file = File.Create(path);
        Save(file);
    }

    /// <summary>
    /// Writes the index: header (magic <c>WBPQINDX</c>, format version, M, K, d, sub-distance, N),
    /// float32 codebooks <c>[M, K, d]</c>, row-major codes <c>[N, M]</c>, then a 64-bit FNV-1a
    /// checksum of everything before it. Little-endian.
    /// </summary>
    public void Save(Stream stream) => PqIndexFile.Write(this, stream);

    /// <summary>
    /// Exports the codebooks and codes in FAISS's <c>IndexPQ</c> file format (readable with
    /// <c>faiss.read_index</c>), so a FAISS or vector-database deployment can serve them. FAISS ranks
    /// by squared ADC, so only <see cref="PqSubDistance.Squared"/> indexes with K a power of two export.
    /// </summary>
    /// <exception cref="InvalidOperationException">K is not a power of two, or the sub-distance is not squared.</exception>
    public void ExportFaiss(string path)
    {
        using var stream = new MemoryStream();
        FaissIndexPqWriter.Write(this, stream);
        File.WriteAllBytes(path, stream.ToArray());
    }

    /// <summary>Reads an index written by <see cref="Save(string)"/>.</summary>
    /// <exception cref="InvalidDataException">Not a PQ index file, an unsupported version, truncated or corrupted.</exception>
    public static PqIndex Load(string path)
    {
        using var file = File.OpenRead(path);
        try
        {
            return Load(file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads an index written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="InvalidDataException">Not a PQ index file, an unsupported version, truncated or corrupted.</exception>
    public static PqIndex Load(Stream stream) => PqIndexFile.Read(stream);
}
