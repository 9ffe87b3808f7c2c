using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// One domain's per-epoch k-means result in the official variant (papers.md 1.3): a hard cluster for every image id and
/// the L2-normalised centroids (prototypes). Constants for the whole epoch.
/// </summary>
/// <param name="Labels">Cluster of every image <c>[N_d]</c>, int64 in 0 … K−1.</param>
/// <param name="Prototypes">Unit-norm centroids <c>[K, D]</c>.</param>
public sealed record UcdirPseudoLabels(Tensor Labels, Tensor Prototypes) : IDisposable
{
    /// <summary>From raw k-means output: labels as int64, centroids L2-normalised (as the official <c>run_kmeans</c>).</summary>
    public static UcdirPseudoLabels FromKMeans(Tensor assignments, Tensor centroids)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(centroids);
        if (assignments.dim() != 1 || centroids.dim() != 2)
            throw new ArgumentException($"Need assignments [N] and centroids [K, D]; got [{string.Join(", ", assignments.shape)}] and [{string.Join(", ", centroids.shape)}].");
        using var grad = no_grad();
        var labels = assignments.to(ScalarType.Int64);
        if (labels.numel() > 0 && (labels.min().item<long>() < 0 || labels.max().item<long>() >= centroids.shape[0]))
            throw new ArgumentException($"Cluster labels must lie in 0 … {centroids.shape[0] - 1}.", nameof(assignments));
        return new UcdirPseudoLabels(labels.clone(), nn.functional.normalize(centroids.detach(), 2, 1));
    }

    /// <summary>Disposes both tensors.</summary>
    public void Dispose()
    {
        Labels.Dispose();
        Prototypes.Dispose();
    }
}
