namespace Workbench.Clustering;

/// <summary>
/// The k-means-NMI score of an embedding: one NMI per k-means seed and their mean, with what is
/// needed to report it (k, seeds, normalisation, inertias).
/// </summary>
/// <param name="Mean">Mean NMI over seeds, in [0, 1].</param>
/// <param name="StandardDeviation">Population standard deviation of the per-seed NMI (0 for one seed).</param>
/// <param name="PerSeed">NMI of each seed's clustering.</param>
/// <param name="Seeds">The k-means seeds, aligned with <paramref name="PerSeed"/>.</param>
/// <param name="Inertias">Final k-means inertia of each seed.</param>
/// <param name="Clusters">k, the number of distinct true classes.</param>
/// <param name="Normalization">How NMI was normalised.</param>
public sealed record ClusteringScore(double Mean, double StandardDeviation, double[] PerSeed, long[] Seeds, double[] Inertias, int Clusters, NmiNormalization Normalization)
{
    /// <summary>E.g. <c>NMI = 0.5923 ± 0.0041 (k = 100, 3 seeds, geometric)</c>.</summary>
    public override string ToString() =>
        $"NMI = {Mean:F4} ± {StandardDeviation:F4} (k = {Clusters}, {Seeds.Length} seed{(Seeds.Length == 1 ? "" : "s")}, {Normalization.ToString().ToLowerInvariant()})";
}
