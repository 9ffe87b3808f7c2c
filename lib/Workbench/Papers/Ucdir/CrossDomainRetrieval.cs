using Workbench.Experiments;
using PerQueryTable = Workbench.Training.Sessions.PerQueryTable;
using Workbench.Metrics;
using Workbench.Retrieval;
using static TorchSharp.torch;
using Workbench.Training.Sessions;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// UCDIR's evaluation (papers.md 1.8) in both directions: every image of A queries all of B (A→B) and every image of B
/// queries all of A (B→A), ranked by cosine similarity, relevant = same class. For each K that both domains can fill
/// (K ≤ min(N_A, N_B)) it reports, in percent, the plain P@K = mean_q |rel ∩ top K| / K and the official capped,
/// micro-averaged P@K = Σ_q |rel ∩ top K_q| / Σ_q K_q with K_q = min(K, R_q), plus the mean of the two directions
/// (the official code selects its best epoch by <c>mean P@K₁ capped</c>).
/// </summary>
/// <param name="Metrics">Metric name → value in percent: <c>A->B P@K</c>, <c>A->B P@K capped</c>, <c>B->A …</c>, <c>mean P@K</c>, <c>mean P@K capped</c> (names prefixed by the caller's prefix).</param>
/// <param name="Ks">The cut-offs evaluated.</param>
/// <param name="AToB">The A→B ranking (queries = A, database = B), depth max K.</param>
/// <param name="BToA">The B→A ranking.</param>
public sealed record CrossDomainRetrieval(IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<int> Ks, RankingResult AToB, RankingResult BToA)
{
    /// <summary>Evaluates both directions.</summary>
    /// <param name="featuresA"><c>[N_A, D]</c> float32/float64 features of domain A.</param>
    /// <param name="labelsA">Class id of every image of A.</param>
    /// <param name="featuresB"><c>[N_B, D]</c> features of domain B (same dtype).</param>
    /// <param name="labelsB">Class id of every image of B.</param>
    /// <param name="ks">Requested cut-offs; those above min(N_A, N_B) are skipped.</param>
    /// <param name="prefix">Prefix of every metric name (e.g. <c>heldout </c>).</param>
    /// <exception cref="ArgumentException">Label counts that do not match the features, or no K that fits.</exception>
    public static CrossDomainRetrieval Evaluate(Tensor featuresA, IReadOnlyList<int> labelsA, Tensor featuresB, IReadOnlyList<int> labelsB,
        IReadOnlyList<int> ks, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(featuresA);
        ArgumentNullException.ThrowIfNull(featuresB);
        ArgumentNullException.ThrowIfNull(ks);
        if (featuresA.dim() != 2 || featuresA.shape[0] != labelsA.Count || featuresB.dim() != 2 || featuresB.shape[0] != labelsB.Count)
            throw new ArgumentException($"Need features [N, D] with one label per row; got A [{string.Join(", ", featuresA.shape)}] with {labelsA.Count} labels and B [{string.Join(", ", featuresB.shape)}] with {labelsB.Count} labels.");
        int limit = Math.Min(labelsA.Count, labelsB.Count);
        var used = ks.Where(k => k >= 1 && k <= limit).Distinct().Order().ToArray();
        if (used.Length == 0)
            throw new ArgumentException($"No cut-off of [{string.Join(", ", ks)}] fits the smaller domain ({limit} images); lower precisionK.");
        int depth = used[^1];
        var a = labelsA.ToArray();
        var b = labelsB.ToArray();
        var aToB = RankingResult.FromEmbeddings(featuresA, featuresB, Relevance.SameClass(a, b), depth);
        var bToA = RankingResult.FromEmbeddings(featuresB, featuresA, Relevance.SameClass(b, a), depth);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (int k in used)
        {
            double pab = 100 * PrecisionAtK.Mean(aToB, k).Value, pba = 100 * PrecisionAtK.Mean(bToA, k).Value;
            double cab = 100 * PrecisionAtK.CappedMicro(aToB, k).Value, cba = 100 * PrecisionAtK.CappedMicro(bToA, k).Value;
            metrics[$"{prefix}A->B P@{k}"] = pab;
            metrics[$"{prefix}B->A P@{k}"] = pba;
            metrics[$"{prefix}A->B P@{k} capped"] = cab;
            metrics[$"{prefix}B->A P@{k} capped"] = cba;
            metrics[$"{prefix}mean P@{k}"] = (pab + pba) / 2;
            metrics[$"{prefix}mean P@{k} capped"] = (cab + cba) / 2;
        }
        return new CrossDomainRetrieval(metrics, used, aToB, bToA);
    }

    /// <summary>
    /// One row per query and direction in the one per-query schema (<see cref="PerQueryTable.ForRankings"/>): <c>split</c>,
    /// <c>direction</c>, the ranking columns, and the capped precision at each K (fraction).
    /// </summary>
    public PerQueryTable ToPerQueryTable(IReadOnlyList<int> labelsA, IReadOnlyList<int> labelsB, string split = "train", PerQueryTable? append = null)
    {
        var table = append ?? PerQueryTable.ForRankings(Ks.Select(k => $"P@{k} capped"), "split", "direction");
        foreach (var (direction, ranking, labels) in new[] { ("A->B", AToB, labelsA), ("B->A", BToA, labelsB) })
        {
            table.AddRanking(ranking, labels, Ks.Select(k => PrecisionAtK.CappedMicro(ranking, k) with { Name = $"P@{k} capped" }).ToList(), split, direction);
        }
        return table;
    }
}
