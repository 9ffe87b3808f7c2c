using System.Numerics;
using Workbench.Papers.Spq.Evaluation;
using Workbench.Retrieval;

namespace Workbench.Papers.Spq.Baselines;

/// <summary>
/// Exhaustive Hamming ranking of binary codes (B ≤ 64 bits in one <see cref="ulong"/>): distance =
/// popcount(q XOR b), ranked ascending, ties by ascending database id (the retrieval core's tie policy),
/// by a counting sort over the B + 1 possible distances, so a complete ranking costs O(N) per query.
/// </summary>
public static class HammingRanking
{
    /// <summary>The best <paramref name="depth"/> items of each query, as <see cref="SearchHits"/> with distances as scores.</summary>
    /// <param name="queries">Query codes.</param>
    /// <param name="database">Database codes.</param>
    /// <param name="depth">Positions per query (clamped to the database size).</param>
    public static SearchHits Search(ReadOnlySpan<ulong> queries, ulong[] database, int depth)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth must be at least 1.");
        int q = queries.Length, n = database.Length;
        depth = Math.Min(depth, n);
        var ids = new int[(long)q * depth];
        var scores = new float[(long)q * depth];
        var queryCodes = queries.ToArray();
        Parallel.For(0, q, () => (Distances: new byte[n], Counts: new int[66]), (i, _, scratch) =>
        {
            ulong code = queryCodes[i];
            var counts = scratch.Counts;
            Array.Clear(counts);
            for (int j = 0; j < n; j++)
            {
                byte dist = (byte)BitOperations.PopCount(code ^ database[j]);
                scratch.Distances[j] = dist;
                counts[dist + 1]++;
            }
            for (int b = 1; b < counts.Length; b++) counts[b] += counts[b - 1];
            // counts[h] = first position of distance h; keep positions below depth only.
            var rowIds = ids.AsSpan(i * depth, depth);
            var rowScores = scores.AsSpan(i * depth, depth);
            for (int j = 0; j < n; j++)
            {
                int dist = scratch.Distances[j];
                int position = counts[dist]++;
                if (position < depth)
                {
                    rowIds[position] = j;
                    rowScores[position] = dist;
                }
            }
            return scratch;
        }, _ => { });
        return new SearchHits(q, depth, n, ids, scores, higherIsBetter: false, excludesSelf: false);
    }

    /// <summary>A <see cref="QuerySearch"/> over database codes for query codes (query i = <c>queries[i]</c>).</summary>
    public static QuerySearch Searcher(ulong[] database, ulong[] queries)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(queries);
        return (selected, depth) => Search(selected.Select(i => queries[i]).ToArray(), database, depth);
    }
}
