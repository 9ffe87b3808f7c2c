using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Retrieval;

/// <summary>
/// Per query: the ranked database ids, their scores and whether each is relevant, plus the number
/// of relevant items in the whole database (the R of recall and mAP@all, the class size of UCDIR's
/// capped P@K). Every metric in <c>Workbench.Metrics</c> reads this one object, so P@K, mAP, Recall@K
/// and the per-query failure views agree by construction.
/// </summary>
/// <remarks>
/// Storage is compact: int32 ids and float32 scores <c>[Q, Depth]</c> and one relevance bit per
/// ranked position. A top-k result keeps <see cref="Depth"/> = k positions while
/// <see cref="RelevantTotal"/> still counts the full database; a complete result
/// (<see cref="IsComplete"/>) ranks every candidate. Tie policy: ranking by score, then by
/// ascending database id (stable), for every producer (exact search and PQ index). The official
/// codes use unstable <c>argsort</c>, so on exact ties their order is arbitrary and ours is the
/// reproducible special case.
/// </remarks>
public sealed class RankingResult
{
    private readonly ulong[] _relevant;
    private readonly int _words;
    private readonly int[] _relevantTotal;

    private RankingResult(SearchHits hits, ulong[] relevant, int words, int[] relevantTotal)
    {
        Hits = hits;
        _relevant = relevant;
        _words = words;
        _relevantTotal = relevantTotal;
    }

    /// <summary>The underlying ranked ids and scores.</summary>
    public SearchHits Hits { get; }

    /// <summary>Number of queries Q.</summary>
    public int QueryCount => Hits.QueryCount;

    /// <summary>Ranked positions stored per query.</summary>
    public int Depth => Hits.Depth;

    /// <summary>Number of database items N.</summary>
    public int DatabaseCount => Hits.DatabaseCount;

    /// <summary>Items each query is ranked against: N, or N − 1 when the query itself is excluded.</summary>
    public int CandidateCount => Hits.CandidateCount;

    /// <summary>True when every candidate is ranked (needed for mAP@all and for any K beyond <see cref="Depth"/>).</summary>
    public bool IsComplete => Depth == CandidateCount;

    /// <summary>The ranked database ids of one query, best first.</summary>
    public ReadOnlySpan<int> IdsOf(int query) => Hits.IdsOf(query);

    /// <summary>The scores of one query, aligned with <see cref="IdsOf"/>.</summary>
    public ReadOnlySpan<float> ScoresOf(int query) => Hits.ScoresOf(query);

    /// <summary>Whether the item at 0-based <paramref name="rank"/> of <paramref name="query"/> is relevant.</summary>
    public bool IsRelevant(int query, int rank)
    {
        if ((uint)rank >= (uint)Depth) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"Rank must be in [0, {Depth}).");
        return (_relevant[query * _words + (rank >> 6)] & (1UL << (rank & 63))) != 0;
    }

    /// <summary>Relevant candidates of one query in the whole database (the query itself not counted when excluded).</summary>
    public int RelevantTotal(int query) => _relevantTotal[query];

    /// <summary>Relevant items among the first <paramref name="k"/> ranked positions (k clamped to <see cref="Depth"/>).</summary>
    public int RelevantInTop(int query, int k)
    {
        k = Math.Min(k, Depth);
        ReadOnlySpan<ulong> bits = RelevanceBits(query);
        int full = k >> 6, count = 0;
        for (int w = 0; w < full; w++) count += BitOperations.PopCount(bits[w]);
        int rest = k & 63;
        if (rest != 0) count += BitOperations.PopCount(bits[full] & ((1UL << rest) - 1));
        return count;
    }

    /// <summary>1-based ranks of the relevant items of one query within the first <paramref name="k"/> positions, ascending.</summary>
    public int[] RelevantRanks(int query, int k = int.MaxValue)
    {
        var ranks = new int[RelevantInTop(query, k)];
        int i = 0;
        foreach (int r in EnumerateRelevantRanks(query, Math.Min(k, Depth))) ranks[i++] = r;
        return ranks;
    }

    /// <summary>
    /// The number of positions a metric at cut-off <paramref name="k"/> reads: min(k, Depth).
    /// Throws when k exceeds the stored depth of an incomplete ranking, since the answer would need
    /// positions that were never stored.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1.</exception>
    /// <exception cref="InvalidOperationException">k &gt; Depth and the ranking is not complete.</exception>
    public int CheckedCutoff(int k, string metric)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"{metric}: K must be at least 1.");
        if (k > Depth && !IsComplete)
            throw new InvalidOperationException(
                $"{metric}: K = {k} exceeds the ranking's stored depth {Depth} (of {CandidateCount} candidates). " +
                $"Build the RankingResult with depth ≥ {k} (or the full depth {CandidateCount}).");
        return Math.Min(k, Depth);
    }

    internal ReadOnlySpan<ulong> RelevanceBits(int query) => _relevant.AsSpan(query * _words, _words);

    /// <summary>Enumerates 1-based ranks r ≤ <paramref name="k"/> of relevant positions, ascending.</summary>
    internal RelevantRankEnumerator EnumerateRelevantRanks(int query, int k) => new(RelevanceBits(query), Math.Min(k, Depth));

    /// <summary>Judges the relevance of every ranked position of <paramref name="hits"/> (parallel over queries).</summary>
    /// <exception cref="ArgumentException">The relevance was built for other query or database counts.</exception>
    public static RankingResult FromHits(SearchHits hits, Relevance relevance)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(relevance);
        if (relevance.QueryCount != hits.QueryCount || relevance.DatabaseCount != hits.DatabaseCount)
            throw new ArgumentException(
                $"Relevance labels cover {relevance.QueryCount} queries x {relevance.DatabaseCount} database items, " +
                $"but the search ranked {hits.QueryCount} queries x {hits.DatabaseCount} items. Pass the labels of the same query and database sets.");
        int depth = hits.Depth, words = Math.Max(1, (depth + 63) >> 6);
        var bits = new ulong[(long)hits.QueryCount * words];
        var totals = new int[hits.QueryCount];
        Parallel.For(0, hits.QueryCount, q =>
        {
            ReadOnlySpan<int> ids = hits.IdsOf(q);
            Span<ulong> row = bits.AsSpan(q * words, words);
            for (int r = 0; r < ids.Length; r++)
            {
                if (relevance.IsRelevant(q, ids[r])) row[r >> 6] |= 1UL << (r & 63);
            }
            int total = relevance.CountRelevant(q);
            if (hits.ExcludesSelf && relevance.IsRelevant(q, q)) total--;
            totals[q] = total;
        });
        return new RankingResult(hits, bits, words, totals);
    }

    /// <summary>
    /// Exact search (<see cref="ExactSearch.Search"/>) followed by <see cref="FromHits"/>.
    /// </summary>
    /// <param name="queries"><c>[Q, D]</c> float32 or float64 query embeddings.</param>
    /// <param name="database"><c>[N, D]</c> database embeddings of the same dtype.</param>
    /// <param name="relevance">Relevance of database items to queries.</param>
    /// <param name="depth">
    /// Positions to keep per query; null ranks every candidate (complete result, needed for mAP@all).
    /// A complete result stores ~8 bytes per (query, item): 10k x 60k is ~4.8 GB, so pass the largest
    /// K the metrics need (e.g. 1000) for large sets.
    /// </param>
    /// <param name="metric">Score; default cosine similarity.</param>
    /// <param name="excludeSelf">Rank query q against every item but item q (queries and database are the same set).</param>
    /// <param name="device">Device for the score matrices; default the queries' device.</param>
    public static RankingResult FromEmbeddings(Tensor queries, Tensor database, Relevance relevance, int? depth = null,
        SearchMetric metric = SearchMetric.Cosine, bool excludeSelf = false, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        int k = depth ?? Math.Max(1, (int)database.shape[0]);
        return FromHits(ExactSearch.Search(queries, database, k, metric, excludeSelf, device: device), relevance);
    }

    /// <summary>Asymmetric PQ search (<see cref="PqIndex.Search(Tensor, int, bool)"/>) followed by <see cref="FromHits"/>.</summary>
    /// <param name="index">The PQ index holding the database codes.</param>
    /// <param name="queries"><c>[Q, D]</c> raw (unquantized) query vectors.</param>
    /// <param name="relevance">Relevance of database items to queries.</param>
    /// <param name="depth">Positions to keep per query; null ranks every candidate.</param>
    /// <param name="excludeSelf">Rank query q against every item but item q.</param>
    public static RankingResult FromIndex(PqIndex index, Tensor queries, Relevance relevance, int? depth = null, bool excludeSelf = false)
    {
        ArgumentNullException.ThrowIfNull(index);
        return FromHits(index.Search(queries, depth ?? Math.Max(1, index.Count), excludeSelf), relevance);
    }
}
