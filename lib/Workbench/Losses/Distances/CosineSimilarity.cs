using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Distances;

/// <summary>
/// Cosine similarity S_ij = x_iᵀx_j / (max(‖x_i‖, ε) · max(‖x_j‖, ε)) (rows L2-normalised with
/// norms clamped below at ε, then a dot product): a similarity, larger = closer, in [−1, 1].
/// pytorch-metric-learning's <c>CosineSimilarity</c>; ε = 1e-12 is torch's <c>F.normalize</c>
/// default, NT-Xent (SimCLR, SPQ) uses ε = 1e-8.
/// </summary>
public sealed class CosineSimilarity : IPairwiseDistance
{
    /// <summary>Creates the similarity.</summary>
    /// <param name="eps">ε &gt; 0, the lower clamp of each row norm (default 1e-12).</param>
    public CosineSimilarity(double eps = 1e-12)
    {
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be > 0.");
        Eps = eps;
    }

    /// <summary>ε, the lower clamp of each row norm.</summary>
    public double Eps { get; }

    /// <inheritdoc/>
    public string Name => "cosine-similarity";

    /// <inheritdoc/>
    public bool IsSimilarity => true;

    /// <inheritdoc/>
    /// <remarks>The rows are normalised once and multiplied with themselves (as pytorch-metric-learning does
    /// when no reference set is given), so the gradient flows back through one normalisation.</remarks>
    public Tensor Pairwise(Tensor embeddings)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(embeddings, nameof(embeddings));
        using var unit = DistanceMath.Normalize(embeddings, Eps);
        using var t = unit.t();
        return unit.matmul(t);
    }

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor queries, Tensor references)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(queries, nameof(queries));
        PairwiseDistanceExtensions.CheckEmbeddings(references, nameof(references));
        using var q = DistanceMath.Normalize(queries, Eps);
        using var r = DistanceMath.Normalize(references, Eps);
        return q.matmul(r.t());
    }

    /// <inheritdoc/>
    public Tensor Paired(Tensor a, Tensor b)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(a, nameof(a));
        PairwiseDistanceExtensions.CheckEmbeddings(b, nameof(b));
        using var x = DistanceMath.Normalize(a, Eps);
        using var y = DistanceMath.Normalize(b, Eps);
        using var prod = x * y;
        return prod.sum(1);
    }
}
