using Workbench.Retrieval;

namespace Workbench.Metrics;

/// <summary>
/// Mean average precision as computed by SPQ's <c>Evaluate_mAP</c> and DeepHash-pytorch's
/// <c>CalcTopMap</c> (papers.md 2.4): with r_1 &lt; … &lt; r_R the 1-based ranks of the R relevant
/// items within the top K, AP@K = (1/R) Σ_j j / r_j; a query with R = 0 has AP 0 and still counts in
/// the mean over all queries. Ranks follow the ranking's tie policy (score, then database id).
/// </summary>
public static class MeanAveragePrecision
{
    /// <summary>mAP@K, e.g. K = 1000 for CIFAR-10, 5000 for FLICKR25K and NUS-WIDE.</summary>
    /// <param name="ranking">The ranking; its depth must reach K unless it is complete.</param>
    /// <param name="k">Cut-off K ≥ 1.</param>
    public static MetricValue AtK(RankingResult ranking, int k) => Compute(ranking, k, $"mAP@{k}");

    /// <summary>
    /// mAP over the whole ranking (every candidate). Needs a complete ranking. Note DeepHash-pytorch's
    /// "all" setting (<c>topK = -1</c>) slices <c>[0:-1]</c> and so drops the last item; this does not.
    /// </summary>
    public static MetricValue AtAll(RankingResult ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        if (!ranking.IsComplete)
            throw new InvalidOperationException(
                $"mAP@all needs a complete ranking, but only {ranking.Depth} of {ranking.CandidateCount} positions are stored. " +
                "Build the RankingResult with depth null (full).");
        return Compute(ranking, Math.Max(1, ranking.CandidateCount), "mAP@all");
    }

    /// <summary>AP@K of one query (see the class summary).</summary>
    public static double AveragePrecision(RankingResult ranking, int query, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        int cut = ranking.CheckedCutoff(k, $"AP@{k}");
        return AveragePrecisionCore(ranking, query, cut);
    }

    private static MetricValue Compute(RankingResult ranking, int k, string name)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        int cut = ranking.CheckedCutoff(k, name);
        var perQuery = new double[ranking.QueryCount];
        Parallel.For(0, perQuery.Length, q => perQuery[q] = AveragePrecisionCore(ranking, q, cut));
        double sum = 0;
        foreach (double ap in perQuery) sum += ap;
        return new MetricValue(name, perQuery.Length == 0 ? 0 : sum / perQuery.Length, perQuery);
    }

    private static double AveragePrecisionCore(RankingResult ranking, int query, int cut)
    {
        double sum = 0;
        int j = 0;
        foreach (int rank in ranking.EnumerateRelevantRanks(query, cut))
        {
            j++;
            sum += (double)j / rank;
        }
        return j == 0 ? 0 : sum / j;
    }
}
