namespace Workbench.Retrieval;

/// <summary>
/// The k nearest database items of every query, best first: row-major <c>[QueryCount, Depth]</c>
/// int32 ids and float32 scores. Ties are ordered by ascending database id, so a ranking is
/// "by score, then by database index" (stable) whatever produced it.
/// </summary>
public sealed class SearchHits
{
    /// <summary>Wraps arrays produced by a search (not copied).</summary>
    /// <param name="queryCount">Number of queries Q.</param>
    /// <param name="depth">Ranked positions kept per query (≤ the candidate count).</param>
    /// <param name="databaseCount">Number of database items N.</param>
    /// <param name="ids">Row-major <c>[Q, depth]</c> database ids.</param>
    /// <param name="scores">Row-major <c>[Q, depth]</c> scores (similarities or distances).</param>
    /// <param name="higherIsBetter">True when scores are similarities (descending), false for distances (ascending).</param>
    /// <param name="excludesSelf">True when query q was ranked against every database item except item q.</param>
    /// <exception cref="ArgumentException">Inconsistent sizes.</exception>
    public SearchHits(int queryCount, int depth, int databaseCount, int[] ids, float[] scores, bool higherIsBetter, bool excludesSelf)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(scores);
        if (queryCount < 0 || depth < 0 || databaseCount < 0)
            throw new ArgumentException($"Sizes must be non-negative (queries {queryCount}, depth {depth}, database {databaseCount}).");
        if (excludesSelf && queryCount != databaseCount)
            throw new ArgumentException($"Self-exclusion needs queries and database to be the same set, but there are {queryCount} queries and {databaseCount} database items.");
        int candidates = databaseCount - (excludesSelf ? 1 : 0);
        if (depth > Math.Max(candidates, 0))
            throw new ArgumentException($"Depth {depth} exceeds the {candidates} candidates each query is ranked against.");
        long expected = (long)queryCount * depth;
        if (ids.LongLength != expected || scores.LongLength != expected)
            throw new ArgumentException($"Expected {expected} ids and scores ([{queryCount}, {depth}]), got {ids.LongLength} ids and {scores.LongLength} scores.");
        QueryCount = queryCount;
        Depth = depth;
        DatabaseCount = databaseCount;
        Ids = ids;
        Scores = scores;
        HigherIsBetter = higherIsBetter;
        ExcludesSelf = excludesSelf;
    }

    /// <summary>Number of queries Q.</summary>
    public int QueryCount { get; }

    /// <summary>Ranked positions kept per query.</summary>
    public int Depth { get; }

    /// <summary>Number of database items N.</summary>
    public int DatabaseCount { get; }

    /// <summary>Items each query is ranked against: N, or N − 1 with self-exclusion.</summary>
    public int CandidateCount => DatabaseCount - (ExcludesSelf ? 1 : 0);

    /// <summary>Row-major <c>[Q, Depth]</c> database ids, best first.</summary>
    public int[] Ids { get; }

    /// <summary>Row-major <c>[Q, Depth]</c> scores matching <see cref="Ids"/>.</summary>
    public float[] Scores { get; }

    /// <summary>True for similarities (ranked descending), false for distances (ranked ascending).</summary>
    public bool HigherIsBetter { get; }

    /// <summary>True when query q was not ranked against database item q.</summary>
    public bool ExcludesSelf { get; }

    /// <summary>The ranked ids of one query.</summary>
    public ReadOnlySpan<int> IdsOf(int query) => Ids.AsSpan(checked(query * Depth), Depth);

    /// <summary>The scores of one query, aligned with <see cref="IdsOf"/>.</summary>
    public ReadOnlySpan<float> ScoresOf(int query) => Scores.AsSpan(checked(query * Depth), Depth);
}
