using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Distances;

/// <summary>
/// Dot-product similarity S_ij = x_iᵀx_j (no normalisation): the logits of N-pair-mc
/// (TF contrib <c>npairs_loss</c>, pytorch-metric-learning <c>DotProductSimilarity</c>).
/// </summary>
public sealed class DotProductSimilarity : IPairwiseDistance
{
    /// <inheritdoc/>
    public string Name => "dot-product";

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
        return queries.matmul(references.t());
    }

    /// <inheritdoc/>
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var prod = a * b;
        return prod.sum(1);
    }
}
