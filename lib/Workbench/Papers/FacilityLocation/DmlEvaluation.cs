using Workbench.Clustering;
using Workbench.Experiments;
using Workbench.Metrics;
using Workbench.Retrieval;
using Workbench.Training.Sessions;
using static TorchSharp.torch;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The evaluation protocol of papers.md 3.5 on held-out classes: embeddings L2-normalised; NMI of
/// k-means (k = number of test classes, geometric normalisation, one run per recorded seed, mean
/// reported) against the true labels; Recall@K where every test image is a query searched among
/// all <em>other</em> test images by Euclidean distance (a query scores 1 when one of its K nearest
/// shares its class).
/// </summary>
public static class DmlEvaluation
{
    /// <summary>Evaluates test embeddings.</summary>
    /// <param name="embeddings"><c>[N, d]</c> float32/float64 test embeddings (normalised here).</param>
    /// <param name="labels">Class of each test image (N values).</param>
    /// <param name="recallKs">Recall cut-offs, e.g. 1, 2, 4, 8.</param>
    /// <param name="kmeansSeeds">k-means seeds; NMI is their mean.</param>
    /// <returns>Metrics (<c>NMI</c>, <c>R@K</c>, fractions in [0, 1]), per-query rows, the clustering score and the ranking.</returns>
    /// <exception cref="ArgumentException">Shapes disagree, fewer than 2 images, or no cut-off / seed.</exception>
    public static DmlEvaluationResult Evaluate(Tensor embeddings, int[] labels, IReadOnlyList<int> recallKs, IReadOnlyList<long> kmeansSeeds)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.dim() != 2 || embeddings.shape[0] != labels.Length)
            throw new ArgumentException($"Embeddings must be [N, d] with one label per row; got [{string.Join(", ", embeddings.shape)}] and {labels.Length} labels.");
        if (labels.Length < 2) throw new ArgumentException("Evaluation needs at least two test images.", nameof(labels));
        if (recallKs.Count == 0) throw new ArgumentException("Give at least one Recall@K cut-off.", nameof(recallKs));
        using var scope = NewDisposeScope();
        var x = nn.functional.normalize(embeddings, p: 2, dim: 1, eps: 1e-12);
        var clustering = ClusteringEvaluation.KMeansNmi(x, labels, kmeansSeeds, NmiNormalization.Geometric);
        int depth = Math.Min(recallKs.Max(), labels.Length - 1);
        var ranking = RankingResult.FromEmbeddings(x, x, Relevance.SameClass(labels, labels), depth, SearchMetric.Euclidean, excludeSelf: true);
        var metrics = new Dictionary<string, double> { ["NMI"] = clustering.Mean };
        var recalls = recallKs.Select(k => RecallAtK.Compute(ranking, Math.Min(k, depth))).ToList();
        for (int i = 0; i < recallKs.Count; i++) metrics[$"R@{recallKs[i]}"] = recalls[i].Value;
        return new DmlEvaluationResult(metrics, Training.Sessions.PerQueryTable.FromRanking(ranking, labels, recalls), clustering, ranking);
    }
}
