using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Distances;

/// <summary>
/// Cosine similarity S_ij = x_iᵀx_j / (‖x_i‖ ‖x_j‖) (rows L2-normalised with eps 1e-12, then a
/// dot product): a similarity, larger = closer, in [−1, 1]. pytorch-metric-learning's
/// <c>CosineSimilarity</c>.
/// </summary>
public sealed class CosineSimilarity : IPairwiseDistance
{
    /// <inheritdoc/>
    public string Name => "cosine-similarity";

    /// <inheritdoc/>
    public bool IsSimilarity => true;

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor embeddings)
    {
        using var s = Pairwise(embeddings, embeddings);
        return DistanceMath.MirrorUpper(s);
    }

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor queries, Tensor references)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(queries, nameof(queries));
        PairwiseDistanceExtensions.CheckEmbeddings(references, nameof(references));
        using var q = DistanceMath.MaybeNormalize(queries, true);
        using var r = DistanceMath.MaybeNormalize(references, true);
        return q.matmul(r.t());
    }

    /// <inheritdoc/>
    public Tensor Paired(Tensor a, Tensor b)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(a, nameof(a));
        PairwiseDistanceExtensions.CheckEmbeddings(b, nameof(b));
        using var x = DistanceMath.MaybeNormalize(a, true);
        using var y = DistanceMath.MaybeNormalize(b, true);
        using var prod = x * y;
        return prod.sum(1);
    }
}
