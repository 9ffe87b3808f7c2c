using Workbench.Clustering;
using Workbench.Losses.Distances;
using static TorchSharp.torch;

namespace Workbench.Losses.Ucdir;

/// <summary>
/// The seed variant's distance-of-distance loss: match domain A's centroids to domain B's by entropic optimal
/// transport (Sinkhorn) turned into a permutation π, then compare the two centroid geometries,
/// L_DD = Σ_ij |d_A(c_i, c_j) − d_B(c_π(i), c_π(j))| with Euclidean centroid distances d (papers.md 1.10).
/// </summary>
/// <remarks>
/// Seed choices: the matching cost is 1 − cos (option: Euclidean); Sinkhorn uses uniform marginals 1/K and ε = 0.05 on
/// that cost; π is the Hungarian assignment maximising the plan mass (option: row argmax, which may repeat columns);
/// the matching (cost, plan, π) is computed on detached centroids and is a constant for autograd, while the distances
/// carry gradients into whichever centroids are passed (see <c>UcdirSeedObjective</c> for which ones); default reduction
/// is the seed's sum over all K² ordered pairs (the diagonal contributes 0). Because π follows the centroids, the loss
/// is unchanged when B's centroids are re-ordered (up to ties in the plan).
/// </remarks>
public static class SeedDistanceOfDistanceLoss
{
    /// <summary>Runs the matching and the loss for centroids <c>[K, D]</c> of each domain (same K and D).</summary>
    public static SeedDdResult Compute(Tensor centroidsA, Tensor centroidsB, SeedDdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(centroidsA);
        ArgumentNullException.ThrowIfNull(centroidsB);
        options ??= new SeedDdOptions();
        if (centroidsA.dim() != 2 || centroidsB.dim() != 2 || !centroidsA.shape.SequenceEqual(centroidsB.shape))
            throw new ArgumentException($"The seed DD matches K centroids to K centroids: both sets must be [K, D] of the same shape; got [{string.Join(", ", centroidsA.shape)}] and [{string.Join(", ", centroidsB.shape)}].");
        SinkhornResult matching;
        using (var cost = MatchingCost(centroidsA, centroidsB, options.MatchingCost))
            matching = Sinkhorn.Solve(cost, options: options.Sinkhorn with { Differentiable = false });
        int[] pi = TransportPermutation.FromPlan(matching.Plan, options.Permutation);
        var loss = Loss(centroidsA, centroidsB, pi, options.Reduction);
        return new SeedDdResult(loss, pi, matching);
    }

    /// <summary>Σ_ij |d_A(i, j) − d_B(π(i), π(j))| (or the mean over the K² pairs) for a given π.</summary>
    public static Tensor Loss(Tensor centroidsA, Tensor centroidsB, IReadOnlyList<int> permutation, UcdirReduction reduction = UcdirReduction.Sum)
    {
        ArgumentNullException.ThrowIfNull(permutation);
        long k = centroidsA.shape[0];
        if (permutation.Count != k || permutation.Any(j => j < 0 || j >= centroidsB.shape[0]))
            throw new ArgumentException($"The matching must give every one of the {k} A-centroids a B-centroid index in 0 … {centroidsB.shape[0] - 1}.", nameof(permutation));
        using var scope = NewDisposeScope();
        var index = tensor(permutation.Select(j => (long)j).ToArray(), device: centroidsB.device);
        var dA = PairwiseEuclidean(centroidsA);
        var dB = PairwiseEuclidean(centroidsB.to(centroidsA.dtype)).index_select(0, index).index_select(1, index);
        return reduction.ToReducer().Reduce((dA - dB).abs().flatten()).MoveToOuterDisposeScope();
    }

    /// <summary>Matching cost <c>[K_A, K_B]</c> between detached centroid sets.</summary>
    public static Tensor MatchingCost(Tensor centroidsA, Tensor centroidsB, CentroidMatchingCost kind)
    {
        using var scope = NewDisposeScope();
        var a = centroidsA.detach();
        var b = centroidsB.detach().to(a.dtype);
        var cost = kind switch
        {
            CentroidMatchingCost.Cosine => 1 - new CosineSimilarity().Pairwise(a, b),
            CentroidMatchingCost.Euclidean => cdist(a, b),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown matching cost."),
        };
        return cost.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Euclidean distances ‖c_i − c_j‖₂ <c>[K, K]</c>, computed exactly (torch cdist without the matmul shortcut, so no
    /// cancellation in float32) with a zero diagonal; cdist's backward gives 0, not NaN, at zero distance.
    /// </summary>
    public static Tensor PairwiseEuclidean(Tensor centroids)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        if (centroids.dim() != 2) throw new ArgumentException($"Centroids must be [K, D]; got [{string.Join(", ", centroids.shape)}].", nameof(centroids));
        return cdist(centroids, centroids, 2.0, TorchSharp.compute_mode.donot_use_mm_for_euclid_dist);
    }
}
