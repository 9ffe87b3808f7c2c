using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Retrieval;

/// <summary>
/// Brute-force k-nearest-neighbour search on tensors. Float32 on the CPU (the evaluations' case)
/// runs the fused scan (<c>FusedScan</c>): blocked matmuls (libtorch GEMM over <c>[queries, database]</c> tiles
/// that stay in cache) fused with a threshold-filtered top-k per query, so the full distance matrix
/// is never materialised or sorted. Float64 and other devices compute <c>[chunk, N]</c> score
/// matrices (at most <c>chunkBytes</c> each) and use torch <c>topk</c>, putting the
/// selected items in (score, id) order and redoing rows where <c>topk</c> had to choose among items
/// tied with the k-th score with a stable full sort. Both give exactly "by score, then by id".
/// </summary>
public static class ExactSearch
{
    /// <summary>Default bytes for one chunk's score matrix.</summary>
    public const long DefaultChunkBytes = 128L << 20;

    /// <summary>Finds the <paramref name="k"/> best database items of every query.</summary>
    /// <param name="queries"><c>[Q, D]</c> float32 or float64.</param>
    /// <param name="database"><c>[N, D]</c>, same dtype as <paramref name="queries"/>.</param>
    /// <param name="k">Neighbours per query; clamped to the candidate count (N, or N − 1 with <paramref name="excludeSelf"/>).</param>
    /// <param name="metric">Score; similarities rank descending, distances ascending.</param>
    /// <param name="excludeSelf">Queries and database are the same set: query q is not ranked against item q.</param>
    /// <param name="chunkBytes">Budget for one chunk's score matrix (the fused CPU path uses at most the smaller of this and 2 MB per tile); default <see cref="DefaultChunkBytes"/>.</param>
    /// <param name="device">Device for the computation; default the queries' device.</param>
    /// <returns>Ids and scores (converted to float32) of the best k items per query.</returns>
    /// <exception cref="ArgumentException">Bad shapes, dtypes, non-finite values or k &lt; 1.</exception>
    public static SearchHits Search(Tensor queries, Tensor database, int k, SearchMetric metric = SearchMetric.Cosine,
        bool excludeSelf = false, long chunkBytes = DefaultChunkBytes, Device? device = null)
    {
        Validate(queries, database, k, excludeSelf);
        int q = (int)queries.shape[0], n = (int)database.shape[0];
        int depth = Math.Min(k, n - (excludeSelf ? 1 : 0));
        CheckResultSize(q, depth);
        var ids = new int[(long)q * depth];
        var scores = new float[(long)q * depth];
        bool higher = metric is SearchMetric.Cosine or SearchMetric.InnerProduct;
        if (depth == 0 || q == 0) return new SearchHits(q, depth, n, ids, scores, higher, excludeSelf);

        device ??= queries.device;
        if (queries.dtype == ScalarType.Float32 && device.type == DeviceType.CPU)
        {
            FusedScan.Run(queries, database, depth, metric, excludeSelf, chunkBytes, ids, scores);
            return new SearchHits(q, depth, n, ids, scores, higher, excludeSelf);
        }

        int elementBytes = queries.dtype == ScalarType.Float64 ? 8 : 4;
        int rows = (int)Math.Clamp(chunkBytes / ((long)n * elementBytes), 1, q);
        using (NewDisposeScope())
        {
            Tensor db = database.to(device);
            if (metric == SearchMetric.Cosine) db = nn.functional.normalize(db, p: 2, dim: 1, eps: 1e-12);
            Tensor dbT = db.t();
            Tensor? dbSq = metric is SearchMetric.Euclidean or SearchMetric.SquaredEuclidean ? db.pow(2).sum(1).unsqueeze(0) : null;
            for (int start = 0; start < q; start += rows)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(rows, q - start);
                Tensor s = Scores(queries.narrow(0, start, count).to(device), dbT, dbSq, metric);
                if (excludeSelf)
                {
                    Tensor self = arange(start, start + count, ScalarType.Int64, device).unsqueeze(1);
                    s.scatter_(1, self, full(count, 1, higher ? double.NegativeInfinity : double.PositiveInfinity, s.dtype, device));
                }
                var (vals, idx) = SelectTopK(s, depth, higher);
                vals.to(ScalarType.Float32).cpu().data<float>().CopyTo(scores, checked(start * depth));
                idx.to(ScalarType.Int32).cpu().data<int>().CopyTo(ids, checked(start * depth));
            }
        }
        return new SearchHits(q, depth, n, ids, scores, higher, excludeSelf);
    }

    /// <summary>The <c>[rows, N]</c> score matrix of a query chunk.</summary>
    private static Tensor Scores(Tensor q, Tensor dbT, Tensor? dbSq, SearchMetric metric)
    {
        switch (metric)
        {
            case SearchMetric.Cosine:
                return nn.functional.normalize(q, p: 2, dim: 1, eps: 1e-12).mm(dbT);
            case SearchMetric.InnerProduct:
                return q.mm(dbT);
            default:
                Tensor sq = q.pow(2).sum(1, keepdim: true).add(dbSq!).sub_(q.mm(dbT).mul_(2)).clamp_min_(0);
                return metric == SearchMetric.Euclidean ? sq.sqrt_() : sq;
        }
    }

    /// <summary>
    /// The best <paramref name="k"/> columns of every row of <paramref name="s"/>, ordered by score
    /// then by column index. Exposed for the PQ index's full-tensor path and tests.
    /// </summary>
    internal static (Tensor Values, Tensor Indices) SelectTopK(Tensor s, int k, bool higher)
    {
        var (vals, idx) = s.topk(k, dim: 1, largest: higher, sorted: true);
        // Order the selected items by id, then stable-sort by score: ties end up by ascending id.
        var (idxSorted, perm) = idx.sort(dim: 1, descending: false, stable: true);
        Tensor valsById = vals.gather(1, perm);
        var (finalVals, perm2) = valsById.sort(dim: 1, descending: higher, stable: true);
        Tensor finalIdx = idxSorted.gather(1, perm2);

        // topk may have picked arbitrary members of a tie group straddling position k. Rows where
        // more items equal the k-th score than were selected are redone with a stable full sort.
        Tensor kth = finalVals.narrow(1, k - 1, 1);
        Tensor equalAll = s.eq(kth).sum(1);
        Tensor equalSelected = finalVals.eq(kth).sum(1);
        Tensor bad = equalAll.gt(equalSelected).nonzero().flatten();
        if (bad.numel() > 0)
        {
            var (fv, fi) = s.index_select(0, bad).sort(dim: 1, descending: higher, stable: true);
            finalVals = finalVals.index_copy(0, bad, fv.narrow(1, 0, k));
            finalIdx = finalIdx.index_copy(0, bad, fi.narrow(1, 0, k));
        }
        return (finalVals, finalIdx);
    }

    /// <summary>Throws when Q x depth ranked positions would not fit one .NET array.</summary>
    internal static void CheckResultSize(int queries, int depth)
    {
        if ((long)queries * depth > Array.MaxLength)
            throw new ArgumentException(
                $"{queries} queries x depth {depth} = {(long)queries * depth} ranked positions do not fit in memory as one result. " +
                "Ask for the depth your metrics need (e.g. the largest K) or search the queries in parts.");
    }

    private static void Validate(Tensor queries, Tensor database, int k, bool excludeSelf)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(database);
        if (queries.dim() != 2 || database.dim() != 2 || queries.shape[1] != database.shape[1])
            throw new ArgumentException(
                $"Queries must be [Q, D] and database [N, D] with the same D, got [{string.Join(", ", queries.shape)}] and [{string.Join(", ", database.shape)}].");
        if (queries.dtype is not (ScalarType.Float32 or ScalarType.Float64) || database.dtype != queries.dtype)
            throw new ArgumentException($"Queries and database must both be float32 or both float64, got {queries.dtype} and {database.dtype}.");
        if (k < 1) throw new ArgumentException($"k must be at least 1, got {k}.", nameof(k));
        if (excludeSelf && queries.shape[0] != database.shape[0])
            throw new ArgumentException($"excludeSelf needs the same set as queries and database, got {queries.shape[0]} queries and {database.shape[0]} items.");
        using var scope = NewDisposeScope();
        if (!isfinite(queries).all().item<bool>() || !isfinite(database).all().item<bool>())
            throw new ArgumentException("Queries or database contain NaN or infinite values; check the encoder output (a diverged model?).");
    }
}
