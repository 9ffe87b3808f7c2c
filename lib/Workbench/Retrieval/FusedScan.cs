using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Retrieval;

/// <summary>
/// Exact float32 top-k on the CPU without a full distance matrix: the queries are cut into chunks
/// of <c>rows</c> and the database into tiles of up to 4,096 items; for each (chunk, tile) libtorch
/// computes the <c>[rows, tile]</c> inner products (one GEMM, ≤ 2 MB so it stays in cache), and each
/// query's row is turned into its score and filtered against the query's running k-th best
/// (<see cref="TopKReservoir"/>) with SIMD compares, rows split over the threads. Only items that
/// beat the threshold are touched again, so after the first tiles the selection costs one compare
/// per score.
/// </summary>
/// <remarks>
/// Scores are formed exactly as the tensor path forms them: cosine = normalize(q)·normalize(x),
/// inner product = q·x, squared Euclidean = max((‖q‖² + ‖x‖²) − 2·q·x, 0), Euclidean its square
/// root; norms come from the same torch reductions. Similarities are negated so that "smaller is
/// better" throughout, and the database is scanned in ascending id order, so a strict compare with
/// the threshold keeps ties by lowest id.
/// </remarks>
internal static unsafe class FusedScan
{
    /// <summary>Largest score tile (bytes); smaller tiles come from a smaller chunk budget.</summary>
    public const long TileBytes = 2L << 20;

    private const int DatabaseTile = 4096;

    /// <summary>Fills row-major <c>[Q, depth]</c> <paramref name="ids"/> and <paramref name="scores"/>.</summary>
    /// <param name="queries"><c>[Q, D]</c> float32 on the CPU.</param>
    /// <param name="database"><c>[N, D]</c> float32 on the CPU.</param>
    /// <param name="depth">k, already clamped to the candidate count (≥ 1).</param>
    /// <param name="metric">Score.</param>
    /// <param name="excludeSelf">Query q never ranks item q.</param>
    /// <param name="chunkBytes">Caller's budget for one score matrix.</param>
    /// <param name="ids">Output ids.</param>
    /// <param name="scores">Output scores.</param>
    public static void Run(Tensor queries, Tensor database, int depth, SearchMetric metric, bool excludeSelf, long chunkBytes, int[] ids, float[] scores)
    {
        int q = (int)queries.shape[0], n = (int)database.shape[0];
        long tileFloats = Math.Max(1, Math.Min(chunkBytes, TileBytes) / sizeof(float));
        int cols = Math.Min(n, DatabaseTile);
        int rows = (int)Math.Clamp(tileFloats / cols, 1, q);
        if (rows == 1) cols = (int)Math.Clamp(tileFloats, 1, n);
        var mode = metric switch
        {
            SearchMetric.Cosine or SearchMetric.InnerProduct => ScoreMode.Similarity,
            SearchMetric.SquaredEuclidean => ScoreMode.SquaredDistance,
            _ => ScoreMode.Distance,
        };

        using var scope = NewDisposeScope();
        Tensor qs = queries.contiguous(), db = database.contiguous();
        if (metric == SearchMetric.Cosine)
        {
            qs = nn.functional.normalize(qs, p: 2, dim: 1, eps: 1e-12);
            db = nn.functional.normalize(db, p: 2, dim: 1, eps: 1e-12);
        }
        float[] qSq = [], xSq = [];
        if (mode != ScoreMode.Similarity)
        {
            qSq = qs.pow(2).sum(1).data<float>().ToArray();
            xSq = db.pow(2).sum(1).data<float>().ToArray();
        }

        var top = new TopKReservoir[rows];
        for (int i = 0; i < rows; i++) top[i] = new TopKReservoir(depth);
        int parts = Math.Clamp(torch.get_num_threads(), 1, rows);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parts };
        for (int q0 = 0; q0 < q; q0 += rows)
        {
            int count = Math.Min(rows, q - q0);
            using var chunkScope = NewDisposeScope();
            Tensor chunk = qs.narrow(0, q0, count);
            for (int j0 = 0; j0 < n; j0 += cols)
            {
                int width = Math.Min(cols, n - j0);
                using var tileScope = NewDisposeScope();
                Tensor tile = chunk.mm(db.narrow(0, j0, width).t()).contiguous();
                fixed (byte* data = tile.bytes)
                {
                    var job = new Tile((nint)data, count, width, q0, j0, mode, excludeSelf);
                    if (parts == 1 || count == 1) FilterRows(job, 0, count, top, qSq, xSq);
                    else
                    {
                        int per = (count + parts - 1) / parts;
                        Parallel.For(0, parts, options, p => FilterRows(job, p * per, Math.Min(count, (p + 1) * per), top, qSq, xSq));
                    }
                }
            }
            for (int i = 0; i < count; i++)
            {
                int offset = checked((q0 + i) * depth);
                Span<float> row = scores.AsSpan(offset, depth);
                top[i].DrainSorted(ids.AsSpan(offset, depth), row);
                if (mode == ScoreMode.Similarity)
                {
                    for (int r = 0; r < depth; r++) row[r] = -row[r];
                }
            }
        }
    }

    private enum ScoreMode
    {
        Similarity,
        SquaredDistance,
        Distance,
    }

    /// <summary>One <c>[rows, width]</c> tile of inner products for queries q0.. and items j0...</summary>
    private readonly record struct Tile(nint Data, int Rows, int Width, int Q0, int J0, ScoreMode Mode, bool ExcludeSelf);

    private static void FilterRows(Tile tile, int from, int to, TopKReservoir[] top, float[] qSq, float[] xSq)
    {
        fixed (float* x = xSq)
        {
            for (int r = from; r < to; r++)
            {
                int query = tile.Q0 + r;
                int exclude = tile.ExcludeSelf ? query - tile.J0 : -1;
                float* s = (float*)tile.Data + (long)r * tile.Width;
                float qn = tile.Mode == ScoreMode.Similarity ? 0f : qSq[query];
                switch (tile.Mode)
                {
                    case ScoreMode.Similarity:
                        FilterRow<Negate>(s, tile.Width, tile.J0, x, qn, exclude, top[r]);
                        break;
                    case ScoreMode.SquaredDistance:
                        FilterRow<Squared>(s, tile.Width, tile.J0, x + tile.J0, qn, exclude, top[r]);
                        break;
                    default:
                        FilterRow<Root>(s, tile.Width, tile.J0, x + tile.J0, qn, exclude, top[r]);
                        break;
                }
            }
        }
    }

    /// <summary>Turns inner products into "smaller is better" scores, 8 lanes or one at a time.</summary>
    private interface IScore
    {
        static abstract Vector256<float> Apply(Vector256<float> dot, Vector256<float> qn, Vector256<float> xn);

        static abstract float Apply(float dot, float qn, float xn);

        /// <summary>The caller's score from the stored one.</summary>
        static abstract bool Negated { get; }
    }

    private struct Negate : IScore
    {
        public static bool Negated => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> dot, Vector256<float> qn, Vector256<float> xn) => -dot;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float dot, float qn, float xn) => -dot;
    }

    private struct Squared : IScore
    {
        public static bool Negated => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> dot, Vector256<float> qn, Vector256<float> xn) =>
            Vector256.Max(qn + xn - dot * 2f, Vector256<float>.Zero);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float dot, float qn, float xn) => Math.Max(qn + xn - dot * 2f, 0f);
    }

    private struct Root : IScore
    {
        public static bool Negated => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> dot, Vector256<float> qn, Vector256<float> xn) =>
            Vector256.Sqrt(Squared.Apply(dot, qn, xn));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float dot, float qn, float xn) => MathF.Sqrt(Squared.Apply(dot, qn, xn));
    }

    /// <summary>
    /// Offers the items of one row that beat the reservoir's threshold, in ascending id. Only the
    /// distance modes read <paramref name="xn"/> (already offset to the tile's first item).
    /// </summary>
    private static void FilterRow<TScore>(float* s, int width, int firstId, float* xn, float qn, int exclude, TopKReservoir top)
        where TScore : struct, IScore
    {
        float* lanes = stackalloc float[Vector256<float>.Count];
        float threshold = top.Threshold;
        var limit = Vector256.Create(threshold);
        var qv = Vector256.Create(qn);
        bool distances = !TScore.Negated;
        int j = 0;
        for (; j + Vector256<float>.Count <= width; j += Vector256<float>.Count)
        {
            Vector256<float> v = TScore.Apply(Vector256.Load(s + j), qv, distances ? Vector256.Load(xn + j) : default);
            uint hits = Vector256.LessThan(v, limit).ExtractMostSignificantBits();
            if (hits == 0) continue;
            v.Store(lanes);
            while (hits != 0)
            {
                int lane = BitOperations.TrailingZeroCount(hits);
                hits &= hits - 1;
                if (j + lane != exclude) top.Push(lanes[lane], firstId + j + lane);
            }
            if (top.Threshold != threshold)
            {
                threshold = top.Threshold;
                limit = Vector256.Create(threshold);
            }
        }
        for (; j < width; j++)
        {
            float v = TScore.Apply(s[j], qn, distances ? xn[j] : 0f);
            if (v < top.Threshold && j != exclude) top.Push(v, firstId + j);
        }
    }
}
