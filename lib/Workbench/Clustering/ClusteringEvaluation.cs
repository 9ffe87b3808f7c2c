using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Clustering;

/// <summary>
/// The clustering metric of the deep-metric-learning protocol (papers.md 3.5): k-means on the test
/// embeddings with k = number of test classes, then NMI between the k-means assignments and the
/// true labels (geometric normalisation by default, as in the facility-location paper). k-means is
/// stochastic, so the score is computed for each given seed and the seeds are reported.
/// </summary>
public static class ClusteringEvaluation
{
    /// <summary>Runs k-means once per seed and scores each clustering with <see cref="Nmi"/>.</summary>
    /// <param name="embeddings"><c>[N, D]</c> float32/float64 test embeddings (any device; k-means runs there).</param>
    /// <param name="labels">True class of each of the N items; k = number of distinct values.</param>
    /// <param name="seeds">k-means seeds; default a single seed 0.</param>
    /// <param name="normalization">NMI normalisation; default geometric (the paper's).</param>
    /// <param name="options">k-means settings other than k and seed; default k-means++, 1 restart, 300 iterations.</param>
    /// <param name="l2Normalize">L2-normalise the embeddings first (the protocol clusters normalised embeddings).</param>
    /// <exception cref="ArgumentException">Label count differs from N, or no seeds.</exception>
    public static ClusteringScore KMeansNmi(Tensor embeddings, ReadOnlySpan<int> labels, IReadOnlyList<long>? seeds = null,
        NmiNormalization normalization = NmiNormalization.Geometric, KMeansOptions? options = null, bool l2Normalize = false)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.dim() != 2 || embeddings.shape[0] != labels.Length)
            throw new ArgumentException($"Embeddings must be [N, D] with one label per row; got shape [{string.Join(", ", embeddings.shape)}] and {labels.Length} labels.");
        seeds ??= [0];
        if (seeds.Count == 0) throw new ArgumentException("At least one k-means seed is needed.", nameof(seeds));
        int k = new HashSet<int>(labels.ToArray()).Count;
        if (k == 0) throw new ArgumentException("No items to cluster.", nameof(labels));

        using var scope = NewDisposeScope();
        Tensor x = l2Normalize ? nn.functional.normalize(embeddings, p: 2, dim: 1, eps: 1e-12) : embeddings;
        options ??= new KMeansOptions { Clusters = k };
        var nmi = new double[seeds.Count];
        var inertias = new double[seeds.Count];
        for (int i = 0; i < seeds.Count; i++)
        {
            using KMeansResult result = KMeans.Fit(x, options with { Clusters = k, Seed = seeds[i] });
            nmi[i] = Nmi.Compute(labels, Array.ConvertAll(result.Assignments, a => (int)a), normalization);
            inertias[i] = result.Inertia;
        }
        double mean = nmi.Average();
        double std = Math.Sqrt(nmi.Average(v => (v - mean) * (v - mean)));
        return new ClusteringScore(mean, std, nmi, seeds.ToArray(), inertias, k, normalization);
    }
}
