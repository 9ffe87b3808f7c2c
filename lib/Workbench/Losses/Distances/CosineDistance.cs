using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Distances;

/// <summary>
/// Cosine distance D_ij = 1 − cos(x_i, x_j), in [0, 2], clamped at 0 against rounding; for one
/// batch the diagonal is exactly 0. A distance (smaller = closer).
/// </summary>
public sealed class CosineDistance : IPairwiseDistance
{
    private static readonly CosineSimilarity Similarity = new();

    /// <inheritdoc/>
    public string Name => "cosine-distance";

    /// <inheritdoc/>
    public bool IsSimilarity => false;

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor embeddings)
    {
        using var s = Similarity.Pairwise(embeddings);
        using var d = OneMinus(s);
        return DistanceMath.ZeroDiagonal(d);
    }

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor queries, Tensor references)
    {
        using var s = Similarity.Pairwise(queries, references);
        return OneMinus(s);
    }

    /// <inheritdoc/>
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var s = Similarity.Paired(a, b);
        return OneMinus(s);
    }

    private static Tensor OneMinus(Tensor s)
    {
        using var d = s.neg().add_(1.0);
        return d.clamp_min(0.0);
    }
}
