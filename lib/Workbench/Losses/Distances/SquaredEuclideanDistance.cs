using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Distances;

/// <summary>
/// Squared Euclidean distance D²_ij = ‖x_i − x_j‖₂², as TF contrib's
/// <c>pairwise_distance(squared=True)</c> (expansion clamped at 0, diagonal exactly 0). No square
/// root, so the gradient is finite everywhere.
/// </summary>
/// <remarks>Default distance of the semi-hard triplet loss (TF contrib).</remarks>
/// <param name="normalizeEmbeddings">L2-normalise rows before measuring (default false).</param>
public sealed class SquaredEuclideanDistance(bool normalizeEmbeddings = false) : IPairwiseDistance
{
    /// <summary>Whether rows are L2-normalised before measuring.</summary>
    public bool NormalizeEmbeddings { get; } = normalizeEmbeddings;

    /// <inheritdoc/>
    public string Name => NormalizeEmbeddings ? "squared-euclidean-normalized" : "squared-euclidean";

    /// <inheritdoc/>
    public bool IsSimilarity => false;

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor embeddings)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(embeddings, nameof(embeddings));
        using var x = DistanceMath.MaybeNormalize(embeddings, NormalizeEmbeddings);
        return DistanceMath.SymmetricSquared(x);
    }

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor queries, Tensor references)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(queries, nameof(queries));
        PairwiseDistanceExtensions.CheckEmbeddings(references, nameof(references));
        using var q = DistanceMath.MaybeNormalize(queries, NormalizeEmbeddings);
        using var r = DistanceMath.MaybeNormalize(references, NormalizeEmbeddings);
        return DistanceMath.SquaredExpansion(q, r);
    }

    /// <inheritdoc/>
    public Tensor Paired(Tensor a, Tensor b) => PairedSquared(a, b, NormalizeEmbeddings);

    /// <summary>Σ_k (a_ik − b_ik)² per row: [n, d] × [n, d] → [n] (direct differences, exact zeros for equal rows).</summary>
    internal static Tensor PairedSquared(Tensor a, Tensor b, bool normalize)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(a, nameof(a));
        PairwiseDistanceExtensions.CheckEmbeddings(b, nameof(b));
        if (a.shape[0] != b.shape[0] || a.shape[1] != b.shape[1])
        {
            throw new ArgumentException(
                $"Paired embeddings must have the same shape, got [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}].", nameof(b));
        }
        using var x = DistanceMath.MaybeNormalize(a, normalize);
        using var y = DistanceMath.MaybeNormalize(b, normalize);
        using var diff = x - y;
        using var sq = diff.square();
        return sq.sum(1);
    }
}
