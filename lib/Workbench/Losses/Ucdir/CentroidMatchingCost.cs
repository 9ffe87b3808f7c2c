namespace Workbench.Losses.Ucdir;

/// <summary>Cost between domain A's and domain B's centroids for the seed's Sinkhorn matching.</summary>
public enum CentroidMatchingCost
{
    /// <summary>C_ij = 1 − cos(c^A_i, c^B_j), in [0, 2] (default).</summary>
    Cosine,

    /// <summary>C_ij = ‖c^A_i − c^B_j‖₂.</summary>
    Euclidean,
}
