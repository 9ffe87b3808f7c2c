using Workbench.Retrieval;

namespace Workbench.Metrics;

/// <summary>
/// Precision and recall at a series of ranking cut-offs N, as DeepHash-pytorch's <c>pr_curve</c>
/// computes them: for query q with R_q relevant candidates and h_q(N) relevant in its top N,
/// P@N = mean_q h_q(N)/N and R@N = mean_q h_q(N)/R_q, where a query with R_q = 0 contributes 0 to both
/// means. <see cref="Precision"/> against <see cref="Cutoffs"/> is the P@N curve, <see cref="Recall"/>
/// the R@N curve, and (Recall, Precision) the precision-recall curve.
/// </summary>
/// <param name="Cutoffs">The cut-offs N, ascending.</param>
/// <param name="Precision">P@N per cut-off.</param>
/// <param name="Recall">R@N per cut-off.</param>
public sealed record PrecisionRecallCurve(int[] Cutoffs, double[] Precision, double[] Recall)
{
    /// <summary>DeepHash-pytorch's default cut-offs: 1, 500, 1000, …, 10000.</summary>
    public static int[] DefaultCutoffs { get; } = [1, .. Enumerable.Range(1, 20).Select(i => i * 500)];

    /// <summary>Computes the curve at <paramref name="cutoffs"/> (default <see cref="DefaultCutoffs"/> clipped to the candidate count).</summary>
    /// <param name="ranking">The ranking; its depth must reach the largest cut-off unless it is complete.</param>
    /// <param name="cutoffs">Cut-offs N ≥ 1; sorted and de-duplicated.</param>
    public static PrecisionRecallCurve Compute(RankingResult ranking, IEnumerable<int>? cutoffs = null)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        int[] ns = (cutoffs ?? DefaultCutoffs.Where(n => n <= Math.Max(1, ranking.CandidateCount))).Distinct().Order().ToArray();
        if (ns.Length == 0) throw new ArgumentException("At least one cut-off is needed.", nameof(cutoffs));
        var precision = new double[ns.Length];
        var recall = new double[ns.Length];
        for (int i = 0; i < ns.Length; i++)
        {
            int cut = ranking.CheckedCutoff(ns[i], $"PR curve at N = {ns[i]}");
            double p = 0, r = 0;
            for (int q = 0; q < ranking.QueryCount; q++)
            {
                int total = ranking.RelevantTotal(q);
                if (total == 0) continue;
                int hits = ranking.RelevantInTop(q, cut);
                p += (double)hits / ns[i];
                r += (double)hits / total;
            }
            int queries = Math.Max(1, ranking.QueryCount);
            precision[i] = p / queries;
            recall[i] = r / queries;
        }
        return new PrecisionRecallCurve(ns, precision, recall);
    }
}
