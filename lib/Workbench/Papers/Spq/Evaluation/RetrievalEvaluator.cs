using System.Globalization;
using Workbench.Experiments;
using Workbench.Metrics;
using Workbench.Retrieval;
using Workbench.Training.Sessions;
using PerQueryTable = Workbench.Training.Sessions.PerQueryTable;

namespace Workbench.Papers.Spq.Evaluation;

/// <summary>
/// SPQ's evaluation protocol on top of the retrieval core (papers.md 2.4): rank every query against the
/// database, judge relevance by shared class, mAP@K over all queries (a query without a relevant item in
/// its top K counts 0) and optionally mAP@all from complete rankings. Ties follow the retrieval core's
/// policy (distance, then database id). The same code evaluates SPQ and the classic baselines, so
/// their numbers are comparable by construction.
/// </summary>
public static class RetrievalEvaluator
{
    /// <summary>Ranked positions a complete-ranking chunk may hold (queries × database items), bounding its memory to ~130 MB.</summary>
    public const long CompleteRankingBudget = 16L << 20;


    /// <summary>Evaluates a search.</summary>
    /// <param name="search">Ranks queries against the database.</param>
    /// <param name="queryLabels">Class of each query (Q values).</param>
    /// <param name="databaseLabels">Class of each database item (N values).</param>
    /// <param name="topK">K of mAP@K (1000 in SPQ); clamped to N.</param>
    /// <param name="mapAll">Also compute mAP@all (complete rankings).</param>
    /// <param name="mapAllQueries">The queries mAP@all averages over (null = every query); the others get an empty <c>ap@all</c> cell.</param>
    public static RetrievalEvaluation Evaluate(QuerySearch search, int[] queryLabels, int[] databaseLabels, int topK, bool mapAll, int[]? mapAllQueries = null)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(queryLabels);
        ArgumentNullException.ThrowIfNull(databaseLabels);
        if (topK < 1) throw new ArgumentOutOfRangeException(nameof(topK), topK, "mAP@K needs K ≥ 1.");
        if (databaseLabels.Length == 0) throw new ArgumentException("The database is empty: nothing to retrieve.", nameof(databaseLabels));
        int q = queryLabels.Length, n = databaseLabels.Length, depth = Math.Min(topK, n);
        var hits = search(Enumerable.Range(0, q).ToArray(), depth);
        if (hits.QueryCount != q || hits.DatabaseCount != n)
        {
            throw new InvalidOperationException($"The search ranked {hits.QueryCount} queries over {hits.DatabaseCount} items; expected {q} over {n}.");
        }
        var ranking = RankingResult.FromHits(hits, Relevance.SameClass(queryLabels, databaseLabels));
        var mapK = MeanAveragePrecision.AtK(ranking, depth) with { Name = $"mAP@{topK}" };
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { [mapK.Name] = mapK.Value };
        MetricValue? mapAllValue = null;
        if (mapAll)
        {
            mapAllValue = MapAll(search, queryLabels, databaseLabels, mapAllQueries);
            metrics[mapAllValue.Name] = mapAllValue.Value;
        }
        var table = PerQueryTable.FromRanking(ranking, queryLabels, mapAllValue is null ? [mapK] : [mapK, mapAllValue]);
        return new RetrievalEvaluation(metrics, table, ranking, mapK, mapAllValue);
    }

    /// <summary>
    /// mAP@all (every database item ranked) from complete rankings, computed in query chunks that fit
    /// <see cref="CompleteRankingBudget"/> (10,000 x 60,000 would need one 4.8 GB ranking). Averaged over
    /// <paramref name="queries"/> (null = all); per-query values of the other queries are NaN.
    /// </summary>
    public static MetricValue MapAll(QuerySearch search, int[] queryLabels, int[] databaseLabels, int[]? queries = null)
    {
        ArgumentNullException.ThrowIfNull(search);
        int q = queryLabels.Length, n = databaseLabels.Length;
        int[] selected = queries ?? Enumerable.Range(0, q).ToArray();
        var perQuery = new double[q];
        Array.Fill(perQuery, double.NaN);
        int chunk = (int)Math.Clamp(CompleteRankingBudget / Math.Max(1, n), 1, Math.Max(1, selected.Length));
        double sum = 0;
        for (int start = 0; start < selected.Length; start += chunk)
        {
            int[] part = selected[start..Math.Min(selected.Length, start + chunk)];
            var hits = search(part, n);
            var ranking = RankingResult.FromHits(hits, Relevance.SameClass(part.Select(i => queryLabels[i]).ToArray(), databaseLabels));
            var value = MeanAveragePrecision.AtAll(ranking);
            for (int i = 0; i < part.Length; i++)
            {
                perQuery[part[i]] = value.PerQuery[i];
                sum += value.PerQuery[i];
            }
        }
        return new MetricValue("mAP@all", selected.Length == 0 ? 0 : sum / selected.Length, perQuery);
    }
}
