using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Distances;

/// <summary>
/// Euclidean distance D_ij = ‖x_i − x_j‖₂ (not squared), as TF contrib's
/// <c>pairwise_distance(squared=False)</c>: expansion ‖a‖² + ‖b‖² − 2a·b clamped at 0, a
/// zero-safe square root (exact zeros stay zero with zero gradient) and, for one batch, a
/// diagonal forced to exactly 0.
/// </summary>
/// <remarks>
/// Default distance of the contrastive, lifted-structured and facility-location losses.
/// pytorch-metric-learning's <c>LpDistance</c> L2-normalises the embeddings first by default; pass
/// <c>normalizeEmbeddings: true</c> for that convention (TF contrib expects the caller to normalise).
/// </remarks>
/// <param name="normalizeEmbeddings">L2-normalise rows before measuring (default false: TF contrib).</param>
public sealed class EuclideanDistance(bool normalizeEmbeddings = false) : IPairwiseDistance
{
    /// <summary>Whether rows are L2-normalised before measuring.</summary>
    public bool NormalizeEmbeddings { get; } = normalizeEmbeddings;

    /// <inheritdoc/>
    public string Name => NormalizeEmbeddings ? "euclidean-normalized" : "euclidean";

    /// <inheritdoc/>
    public bool IsSimilarity => false;

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor embeddings)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(embeddings, nameof(embeddings));
        using var x = DistanceMath.MaybeNormalize(embeddings, NormalizeEmbeddings);
        using var sq = DistanceMath.SymmetricSquared(x);
        return DistanceMath.SafeSqrt(sq);
    }

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor queries, Tensor references)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(queries, nameof(queries));
        PairwiseDistanceExtensions.CheckEmbeddings(references, nameof(references));
        using var q = DistanceMath.MaybeNormalize(queries, NormalizeEmbeddings);
        using var r = DistanceMath.MaybeNormalize(references, NormalizeEmbeddings);
        using var sq = DistanceMath.SquaredExpansion(q, r);
        return DistanceMath.SafeSqrt(sq);
    }

    /// <inheritdoc/>
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var sq = SquaredEuclideanDistance.PairedSquared(a, b, NormalizeEmbeddings);
        return DistanceMath.SafeSqrt(sq);
    }
}
