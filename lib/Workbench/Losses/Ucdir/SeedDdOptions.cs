using Workbench.Clustering;

namespace Workbench.Losses.Ucdir;

/// <summary>Settings of the seed variant's distance-of-distance loss (<see cref="SeedDistanceOfDistanceLoss"/>).</summary>
public sealed record SeedDdOptions
{
    /// <summary>Cost of the OT matching (default cosine distance).</summary>
    public CentroidMatchingCost MatchingCost { get; init; } = CentroidMatchingCost.Cosine;

    /// <summary>
    /// Sinkhorn settings (default uniform marginals 1/K, ε = 0.05, at most 50 iterations, tolerance 1e-6). papers.md 1.10
    /// recommends 3–50 iterations: matched centroid sets give a near-permutation kernel on which Sinkhorn converges slowly,
    /// while the permutation read from the plan settles within a few iterations.
    /// </summary>
    public SinkhornOptions Sinkhorn { get; init; } = new() { MaxIterations = 50 };

    /// <summary>Plan → permutation (default Hungarian on −P; row argmax as option).</summary>
    public PermutationMethod Permutation { get; init; } = PermutationMethod.Hungarian;

    /// <summary>Σ over the K × K centroid pairs (default, the seed's formula) or their mean (÷ K²).</summary>
    public UcdirReduction Reduction { get; init; } = UcdirReduction.Sum;
}
