using System.Runtime.Intrinsics;
using TorchSharp;
using Workbench.Clustering;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Retrieval;

/// <summary>
/// Product quantizer (Jégou, Douze, Schmid 2011): a D = M·d vector is split into M sub-vectors of
/// d dimensions; sub-space m has its own codebook C_m of K codewords, and a vector is stored as the
/// M indices b_m = argmin_k ‖x_m − c_mk‖₂² (one byte each, K ≤ 256). Codebooks are float32
/// <c>[M, K, d]</c>. Built by k-means per sub-space (<see cref="Train"/>) or from learned codebooks
/// (<see cref="FromCodebooks"/>; SPQ's <c>[K, M·d]</c> layout is converted in <c>Papers/Spq</c>).
/// </summary>
public sealed class ProductQuantizer
{
    private readonly float[] _codebooks;

    /// <summary>Wraps a copy of <paramref name="codebooks"/>, row-major <c>[M, K, d]</c>.</summary>
    /// <exception cref="ArgumentException">Sizes out of range or a non-finite codeword.</exception>
    public ProductQuantizer(ReadOnlySpan<float> codebooks, int subspaces, int codewords, int subDimension)
    {
        if (subspaces < 1) throw new ArgumentException($"A product quantizer needs at least 1 sub-space, got M = {subspaces}.");
        if (codewords is < 1 or > 256) throw new ArgumentException($"Codewords per sub-space must be in [1, 256] (one-byte codes), got K = {codewords}.");
        if (subDimension < 1) throw new ArgumentException($"Sub-vector dimension must be at least 1, got d = {subDimension}.");
        long expected = (long)subspaces * codewords * subDimension;
        if (codebooks.Length != expected)
            throw new ArgumentException($"Codebooks must hold M·K·d = {subspaces}·{codewords}·{subDimension} = {expected} floats, got {codebooks.Length}.");
        foreach (float v in codebooks)
        {
            if (!float.IsFinite(v)) throw new ArgumentException("Codebooks contain NaN or infinite values.");
        }
        _codebooks = codebooks.ToArray();
        SubspaceCount = subspaces;
        CodewordCount = codewords;
        SubDimension = subDimension;
    }

    /// <summary>Number of sub-spaces M (bytes per code).</summary>
    public int SubspaceCount { get; }

    /// <summary>Codewords per sub-space K.</summary>
    public int CodewordCount { get; }

    /// <summary>Sub-vector dimension d.</summary>
    public int SubDimension { get; }

    /// <summary>Vector dimension D = M·d.</summary>
    public int Dimension => SubspaceCount * SubDimension;

    /// <summary>Code length B = M·log₂K bits (papers.md 2.1; fractional when K is not a power of two).</summary>
    public double CodeBits => SubspaceCount * Math.Log2(CodewordCount);

    /// <summary>Row-major <c>[M, K, d]</c> codebooks.</summary>
    public ReadOnlySpan<float> Codebooks => _codebooks;

    /// <summary>Codeword k of sub-space m (d floats).</summary>
    public ReadOnlySpan<float> Codeword(int subspace, int codeword) =>
        _codebooks.AsSpan((subspace * CodewordCount + codeword) * SubDimension, SubDimension);

    /// <summary>The codebooks as a float32 tensor <c>[M, K, d]</c> on <paramref name="device"/> (default CPU).</summary>
    public Tensor CodebooksTensor(Device? device = null) =>
        tensor(_codebooks, [SubspaceCount, CodewordCount, SubDimension], ScalarType.Float32).to(device ?? CPU);

    /// <summary>From codebooks <c>[M, K, d]</c> (any float dtype and device; copied to float32).</summary>
    public static ProductQuantizer FromCodebooks(Tensor codebooks)
    {
        ArgumentNullException.ThrowIfNull(codebooks);
        if (codebooks.dim() != 3) throw new ArgumentException($"Codebooks must be [M, K, d], got shape [{string.Join(", ", codebooks.shape)}].");
        using var cpu = codebooks.detach().to(ScalarType.Float32, CPU).contiguous();
        return new ProductQuantizer(cpu.data<float>().ToArray(), (int)codebooks.shape[0], (int)codebooks.shape[1], (int)codebooks.shape[2]);
    }

    /// <summary>
    /// Trains the codebooks with k-means in each sub-space (K clusters; sub-space m uses the seed
    /// stream <c>pq/m</c> derived from <c>options.Seed</c>).
    /// </summary>
    /// <param name="x"><c>[N, D]</c> float32/float64 training vectors, N ≥ K.</param>
    /// <param name="subspaces">M; must divide D.</param>
    /// <param name="codewords">K in [1, 256].</param>
    /// <param name="options">k-means settings (Clusters and Seed are overridden per sub-space); default k-means++, 25 iterations.</param>
    public static ProductQuantizer Train(Tensor x, int subspaces, int codewords, KMeansOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 2) throw new ArgumentException($"Training vectors must be [N, D], got shape [{string.Join(", ", x.shape)}].");
        if (subspaces < 1 || x.shape[1] % subspaces != 0)
            throw new ArgumentException($"Dimension D = {x.shape[1]} is not divisible by M = {subspaces}.");
        if (codewords is < 1 or > 256) throw new ArgumentException($"K must be in [1, 256], got {codewords}.");
        if (x.shape[0] < codewords) throw new ArgumentException($"Training K = {codewords} codewords needs at least {codewords} vectors, got {x.shape[0]}.");
        options ??= new KMeansOptions { Clusters = codewords, MaxIterations = 25 };
        int d = (int)x.shape[1] / subspaces;
        var books = new float[subspaces * codewords * d];
        for (int m = 0; m < subspaces; m++)
        {
            using var scope = NewDisposeScope();
            var sub = options with { Clusters = codewords, Seed = Seeding.Derive($"pq/{m}", options.Seed) };
            using var result = KMeans.Fit(x.narrow(1, m * d, d), sub);
            result.Centroids.to(ScalarType.Float32, CPU).contiguous().data<float>().CopyTo(books, m * codewords * d);
        }
        return new ProductQuantizer(books, subspaces, codewords, d);
    }

    /// <summary>Encodes vectors: <c>[N, D]</c> float → <c>[N, M]</c> uint8, b_m = argmin_k ‖x_m − c_mk‖₂² (first index on ties).</summary>
    /// <param name="x"><c>[N, D]</c> float32 or float64 vectors; computed on their device.</param>
    /// <param name="chunkBytes">Budget for one <c>[rows, K]</c> distance block.</param>
    public Tensor Encode(Tensor x, long chunkBytes = 64L << 20)
    {
        CheckVectors(x, nameof(x));
        using var scope = NewDisposeScope();
        Tensor books = CodebooksTensor(x.device).to(x.dtype);
        Tensor norms = books.pow(2).sum(2); // [M, K]
        long n = x.shape[0];
        long rows = Math.Clamp(chunkBytes / (CodewordCount * 8L), 1, Math.Max(n, 1));
        var columns = new List<Tensor>();
        for (int m = 0; m < SubspaceCount; m++)
        {
            Tensor sub = x.narrow(1, m * SubDimension, SubDimension);
            Tensor bookT = books[m].t();
            var parts = new List<Tensor>();
            for (long start = 0; start < n; start += rows)
            {
                long count = Math.Min(rows, n - start);
                // ‖c‖² − 2 x·c has the same argmin as ‖x − c‖².
                parts.Add(addmm(norms[m].unsqueeze(0), sub.narrow(0, start, count), bookT, beta: 1, alpha: -2).argmin(1));
            }
            columns.Add(parts.Count == 1 ? parts[0] : cat(parts, 0));
        }
        Tensor codes = columns.Count == 0 || n == 0 ? zeros(n, SubspaceCount, ScalarType.Byte, x.device) : stack(columns, 1).to(ScalarType.Byte);
        return codes.MoveToOuterDisposeScope();
    }

    /// <summary>Decodes codes <c>[N, M]</c> (uint8 or integer) → reconstructions <c>[N, D]</c> float32 on the codes' device.</summary>
    /// <exception cref="ArgumentException">Wrong shape or a code ≥ K.</exception>
    public Tensor Decode(Tensor codes)
    {
        CheckCodes(codes, nameof(codes));
        using var scope = NewDisposeScope();
        Tensor books = CodebooksTensor(codes.device); // [M, K, d]
        Tensor idx = codes.to(ScalarType.Int64);
        // Flat index m·K + b_m into the [M·K, d] table.
        Tensor offsets = arange(SubspaceCount, ScalarType.Int64, codes.device).mul(CodewordCount).unsqueeze(0);
        Tensor rows = books.reshape(-1, SubDimension).index_select(0, idx.add(offsets).flatten());
        return rows.reshape(codes.shape[0], Dimension).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Asymmetric distance tables T[q, m, k] = ‖q_m − c_mk‖₂² (<see cref="PqSubDistance.Squared"/>) or
    /// ‖q_m − c_mk‖₂ (<see cref="PqSubDistance.Euclidean"/>), computed from explicit differences.
    /// </summary>
    /// <param name="queries"><c>[Q, D]</c> float32/float64 raw query vectors.</param>
    /// <param name="subDistance">Squared (textbook ADC) or Euclidean (SPQ official).</param>
    /// <returns><c>[Q, M, K]</c> float32 on the queries' device.</returns>
    public Tensor DistanceTables(Tensor queries, PqSubDistance subDistance = PqSubDistance.Squared)
    {
        CheckVectors(queries, nameof(queries));
        using var scope = NewDisposeScope();
        Tensor books = CodebooksTensor(queries.device).unsqueeze(0); // [1, M, K, d]
        long q = queries.shape[0];
        long rows = Math.Clamp((64L << 20) / ((long)SubspaceCount * CodewordCount * SubDimension * 4), 1, Math.Max(q, 1));
        var parts = new List<Tensor>();
        for (long start = 0; start < q; start += rows)
        {
            long count = Math.Min(rows, q - start);
            Tensor sub = queries.narrow(0, start, count).to(ScalarType.Float32).reshape(count, SubspaceCount, 1, SubDimension);
            Tensor sq = sub.sub(books).pow(2).sum(3);
            parts.Add(subDistance == PqSubDistance.Squared ? sq : sq.sqrt());
        }
        Tensor tables = parts.Count == 1 ? parts[0] : cat(parts, 0);
        if (q == 0) tables = zeros(0, SubspaceCount, CodewordCount);
        return tables.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One query's table, row-major <c>[M, K]</c>, from explicit differences in float32 (SIMD over
    /// the d coordinates when d is a multiple of 4). The PQ index ranks with exactly these values.
    /// </summary>
    /// <param name="query">D floats.</param>
    /// <param name="table">M·K floats, overwritten.</param>
    /// <param name="subDistance">Squared or Euclidean sub-distances.</param>
    public void ComputeDistanceTable(ReadOnlySpan<float> query, Span<float> table, PqSubDistance subDistance = PqSubDistance.Squared)
    {
        if (query.Length != Dimension) throw new ArgumentException($"Query must have D = {Dimension} floats, got {query.Length}.");
        if (table.Length != SubspaceCount * CodewordCount) throw new ArgumentException($"Table must have M·K = {SubspaceCount * CodewordCount} floats, got {table.Length}.");
        int d = SubDimension, k = CodewordCount;
        ReadOnlySpan<float> books = _codebooks;
        for (int m = 0; m < SubspaceCount; m++)
        {
            ReadOnlySpan<float> q = query.Slice(m * d, d);
            Span<float> row = table.Slice(m * k, k);
            for (int c = 0; c < k; c++) row[c] = SquaredDistance(q, books.Slice((m * k + c) * d, d));
            if (subDistance == PqSubDistance.Euclidean)
            {
                for (int c = 0; c < k; c++) row[c] = MathF.Sqrt(row[c]);
            }
        }
    }

    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length, j = 0;
        float acc = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<float> v = Vector256<float>.Zero;
            for (; j + 8 <= n; j += 8)
            {
                Vector256<float> diff = Vector256.Create(a.Slice(j, 8)) - Vector256.Create(b.Slice(j, 8));
                v += diff * diff;
            }
            acc = Vector256.Sum(v);
        }
        if (Vector128.IsHardwareAccelerated && j + 4 <= n)
        {
            Vector128<float> v = Vector128<float>.Zero;
            for (; j + 4 <= n; j += 4)
            {
                Vector128<float> diff = Vector128.Create(a.Slice(j, 4)) - Vector128.Create(b.Slice(j, 4));
                v += diff * diff;
            }
            acc += Vector128.Sum(v);
        }
        for (; j < n; j++)
        {
            float diff = a[j] - b[j];
            acc += diff * diff;
        }
        return acc;
    }

    /// <summary>
    /// Symmetric distances between two code sets: Σ_m s(c_{m,a_m}, c_{m,b_m}) with s the squared or
    /// plain Euclidean distance between codewords.
    /// </summary>
    /// <param name="codesA"><c>[A, M]</c> codes.</param>
    /// <param name="codesB"><c>[B, M]</c> codes.</param>
    /// <param name="subDistance">Squared or Euclidean sub-distances.</param>
    /// <returns><c>[A, B]</c> float32 on <paramref name="codesA"/>'s device.</returns>
    public Tensor SymmetricDistances(Tensor codesA, Tensor codesB, PqSubDistance subDistance = PqSubDistance.Squared)
    {
        CheckCodes(codesA, nameof(codesA));
        CheckCodes(codesB, nameof(codesB));
        using var scope = NewDisposeScope();
        Device device = codesA.device;
        Tensor books = CodebooksTensor(device);
        Tensor a = codesA.to(ScalarType.Int64), b = codesB.to(ScalarType.Int64, device);
        Tensor total = zeros(codesA.shape[0], codesB.shape[0], ScalarType.Float32, device);
        for (int m = 0; m < SubspaceCount; m++)
        {
            Tensor cm = books[m];
            Tensor sq = cm.unsqueeze(1).sub(cm.unsqueeze(0)).pow(2).sum(2); // [K, K]
            Tensor table = subDistance == PqSubDistance.Squared ? sq : sq.sqrt();
            total.add_(table.index_select(0, a[.., m]).index_select(1, b[.., m]));
        }
        return total.MoveToOuterDisposeScope();
    }

    private void CheckVectors(Tensor x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.dim() != 2 || x.shape[1] != Dimension)
            throw new ArgumentException($"{name} must be [N, {Dimension}] (D = M·d = {SubspaceCount}·{SubDimension}), got shape [{string.Join(", ", x.shape)}].", name);
        if (x.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"{name} must be float32 or float64, got {x.dtype}.", name);
    }

    private void CheckCodes(Tensor codes, string name)
    {
        ArgumentNullException.ThrowIfNull(codes, name);
        if (codes.dim() != 2 || codes.shape[1] != SubspaceCount)
            throw new ArgumentException($"{name} must be [N, {SubspaceCount}] codes, got shape [{string.Join(", ", codes.shape)}].", name);
        if (codes.is_floating_point() || codes.dtype == ScalarType.Bool)
            throw new ArgumentException($"{name} must be an integer tensor (uint8 codes), got {codes.dtype}.", name);
        using var scope = NewDisposeScope();
        if (codes.numel() > 0 && (codes.to(ScalarType.Int64).max().item<long>() >= CodewordCount || codes.to(ScalarType.Int64).min().item<long>() < 0))
            throw new ArgumentException($"{name} holds codes outside [0, {CodewordCount}).", name);
    }
}
