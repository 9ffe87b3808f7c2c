using Workbench.Clustering;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// The per-epoch clustering of the official variant (papers.md 1.3 step 2, <c>run_kmeans</c>): k-means on one domain's
/// features, separately per domain, k = the number of classes by default, faiss's settings (random initial centroids
/// drawn from the data, <see cref="UcdirConfig.KMeansIterations"/> Lloyd iterations, <see cref="UcdirConfig.KMeansRestarts"/>
/// restarts keeping the lowest inertia, Euclidean assignment on the unit-norm features), then hard labels and
/// L2-normalised centroids as the epoch's prototypes. The seed variant uses the same call once, at epoch 0, to
/// initialise its online centroids (the recommended choice of papers.md 1.10).
/// </summary>
public static class UcdirClustering
{
    /// <summary>k-means of <paramref name="features"/> <c>[N, D]</c> into <paramref name="clusters"/> clusters; labels <c>[N]</c> int64 and prototypes <c>[k, D]</c> on the features' device.</summary>
    /// <param name="features">One domain's features (the key encoder's, in eval mode).</param>
    /// <param name="clusters">k (≤ N).</param>
    /// <param name="restarts">Restarts (official 5).</param>
    /// <param name="iterations">Lloyd iterations (official 20).</param>
    /// <param name="seed">Seed of the restarts' initial centroids.</param>
    /// <exception cref="ArgumentException">k larger than the domain.</exception>
    public static UcdirPseudoLabels Cluster(Tensor features, int clusters, int restarts, int iterations, long seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (clusters > features.shape[0])
            throw new ArgumentException($"k-means with k = {clusters} clusters needs at least {clusters} images; the domain has {features.shape[0]}. Lower clusters.");
        using var scope = NewDisposeScope();
        using var result = KMeans.Fit(features.detach(), new KMeansOptions
        {
            Clusters = clusters,
            Init = KMeansInit.Random,
            Restarts = restarts,
            MaxIterations = iterations,
            Tolerance = 0,
            Seed = seed,
        });
        var labels = tensor(result.Assignments, device: features.device);
        var pl = UcdirPseudoLabels.FromKMeans(labels, result.Centroids.to(features.device));
        pl.Labels.MoveToOuterDisposeScope();
        pl.Prototypes.MoveToOuterDisposeScope();
        return pl;
    }
}
