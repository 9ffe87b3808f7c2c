namespace Workbench.Papers.Ucdir;

/// <summary>Which centroids the seed variant's L_DD compares — and so how its gradient reaches the features.</summary>
public enum SeedDdCentroids
{
    /// <summary>
    /// The centroids each store will hold after this step, c' = Blend(m, w) with the batch's assignment-weighted means m
    /// (default). Gradient flows through m into z and p. With a <see cref="CentroidUpdate.BatchMean"/> store these are the
    /// normalised batch means themselves; with EMA the gradient is scaled by 1 − μ.
    /// </summary>
    UpdatedCentroids,

    /// <summary>The batch's assignment-weighted means m (normalised when the store normalises), whatever the store's update rule.</summary>
    BatchMeans,

    /// <summary>The stored centroids before the update: a constant, so L_DD is reported but has no gradient (for monitoring only).</summary>
    StoredConstant,
}
