using Workbench.Retrieval;

namespace Workbench.Metrics;

/// <summary>Precision at K in its two published forms.</summary>
public static class PrecisionAtK
{
    /// <summary>
    /// Plain P@K = (1/Q) Σ_q |relevant in top K of q| / K. When K exceeds the candidate count the
    /// whole ranking is read and the count is still divided by K (numpy-slicing semantics of
    /// DeepHash-pytorch's P@N).
    /// </summary>
    /// <param name="ranking">The ranking; its depth must reach K unless it is complete.</param>
    /// <param name="k">Cut-off K ≥ 1.</param>
    public static MetricValue Mean(RankingResult ranking, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        int cut = ranking.CheckedCutoff(k, $"P@{k}");
        var perQuery = new double[ranking.QueryCount];
        double sum = 0;
        for (int q = 0; q < perQuery.Length; q++)
        {
            perQuery[q] = (double)ranking.RelevantInTop(q, cut) / k;
            sum += perQuery[q];
        }
        return new MetricValue($"P@{k}", perQuery.Length == 0 ? 0 : sum / perQuery.Length, perQuery);
    }

    /// <summary>
    /// UCDIR's capped, micro-averaged precision (papers.md 1.8): with R_q the relevant candidates of
    /// query q and K_q = min(K, R_q), P@K = Σ_q |relevant in top K_q| / Σ_q K_q. Per-query values are
    /// |relevant in top K_q| / K_q (0 when R_q = 0). Returns 0 when no query has a relevant item (the
    /// reference divides 0 by 0 there).
    /// </summary>
    /// <param name="ranking">The ranking; its depth must reach K unless it is complete.</param>
    /// <param name="k">Cut-off K ≥ 1.</param>
    public static MetricValue CappedMicro(RankingResult ranking, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ranking.CheckedCutoff(k, $"P@{k} (capped)");
        var perQuery = new double[ranking.QueryCount];
        long hits = 0, total = 0;
        for (int q = 0; q < perQuery.Length; q++)
        {
            int kq = Math.Min(k, ranking.RelevantTotal(q));
            int h = ranking.RelevantInTop(q, kq);
            hits += h;
            total += kq;
            perQuery[q] = kq == 0 ? 0 : (double)h / kq;
        }
        return new MetricValue($"P@{k} (capped)", total == 0 ? 0 : (double)hits / total, perQuery);
    }
}
