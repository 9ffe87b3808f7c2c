using static TorchSharp.torch;

namespace Workbench.Metrics.Health;

/// <summary>
/// Signals of collapsed cluster assignments, from soft assignments p_i ∈ Δ^K (rows of <c>[N, K]</c>).
/// </summary>
/// <param name="SampleEntropyRatio">
/// (1/N) Σ_i H(p_i) / ln K, in [0, 1]. 1: every sample is assigned uniformly to all K clusters — the centroids (or the
/// features) have collapsed to one point, as in UCDIR's SE = N·ln K. Confident assignments give values near 0.
/// </param>
/// <param name="MarginalEntropyRatio">H((1/N) Σ_i p_i) / ln K, in [0, 1]. Near 0: every sample goes to one cluster.</param>
/// <param name="ClustersUsed">Number of distinct arg-max clusters over the N samples.</param>
/// <param name="Clusters">K.</param>
public sealed record AssignmentHealth(double SampleEntropyRatio, double MarginalEntropyRatio, int ClustersUsed, int Clusters)
{
    /// <summary>Measures soft assignments <paramref name="probabilities"/> <c>[N, K]</c> (rows sum to 1, K ≥ 2).</summary>
    /// <exception cref="ArgumentException">Not <c>[N ≥ 1, K ≥ 2]</c>.</exception>
    public static AssignmentHealth Measure(Tensor probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.dim() != 2 || probabilities.shape[0] < 1 || probabilities.shape[1] < 2)
            throw new ArgumentException($"Assignment health needs probabilities [N, K >= 2]; got [{string.Join(", ", probabilities.shape)}].", nameof(probabilities));
        using var scope = NewDisposeScope();
        var p = probabilities.detach().to(float64).cpu();
        int k = (int)p.shape[1];
        double logK = Math.Log(k);
        double sample = Entropy(p).mean().item<double>() / logK;
        double marginal = Entropy(p.mean([0], keepdim: true)).item<double>() / logK;
        int used = (int)p.argmax(1).unique().Item1.shape[0];
        return new AssignmentHealth(sample, marginal, used, k);
    }

    /// <summary>From hard labels in [0, K) (e.g. k-means): sample entropy 0, marginal entropy of the label histogram.</summary>
    public static AssignmentHealth FromLabels(IReadOnlyList<int> labels, int clusters)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (clusters < 2 || labels.Count == 0) throw new ArgumentException("Assignment health needs K >= 2 clusters and at least one label.");
        var counts = new double[clusters];
        foreach (int l in labels) counts[l]++;
        double h = 0;
        foreach (double c in counts)
        {
            if (c > 0) h -= c / labels.Count * Math.Log(c / labels.Count);
        }
        return new AssignmentHealth(0, h / Math.Log(clusters), counts.Count(c => c > 0), clusters);
    }

    /// <summary>As history / metrics entries: <c>health.assignment entropy</c>, <c>health.marginal entropy</c>, <c>health.clusters used</c>.</summary>
    public IEnumerable<KeyValuePair<string, double>> ToMetrics(string prefix = "")
    {
        yield return new(HealthMetrics.Prefix + prefix + HealthMetrics.AssignmentEntropy, SampleEntropyRatio);
        yield return new(HealthMetrics.Prefix + prefix + HealthMetrics.MarginalEntropy, MarginalEntropyRatio);
        yield return new(HealthMetrics.Prefix + prefix + HealthMetrics.ClustersUsed, ClustersUsed);
    }

    private static Tensor Entropy(Tensor p) => -(p * p.clamp_min(1e-300).log()).sum(1);
}
