using Workbench.Retrieval;

namespace Workbench.Metrics;

/// <summary>
/// Recall@K of the deep-metric-learning protocol (papers.md 3.5): a query scores 1 when at least one
/// of its K nearest candidates is relevant (shares its class), else 0; R@K is the mean over queries.
/// Build the ranking with self-exclusion when every test image is also a query.
/// </summary>
public static class RecallAtK
{
    /// <summary>R@K; per-query values are 0 or 1.</summary>
    /// <param name="ranking">The ranking; its depth must reach K unless it is complete.</param>
    /// <param name="k">Cut-off K ≥ 1 (1, 2, 4, 8 for CUB/Cars; 1, 10, 100, 1000 for SOP).</param>
    public static MetricValue Compute(RankingResult ranking, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        int cut = ranking.CheckedCutoff(k, $"R@{k}");
        var perQuery = new double[ranking.QueryCount];
        double sum = 0;
        for (int q = 0; q < perQuery.Length; q++)
        {
            perQuery[q] = ranking.RelevantInTop(q, cut) > 0 ? 1 : 0;
            sum += perQuery[q];
        }
        return new MetricValue($"R@{k}", perQuery.Length == 0 ? 0 : sum / perQuery.Length, perQuery);
    }
}
