using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Distances;

/// <summary>Helpers shared by losses and miners over an <see cref="IPairwiseDistance"/>.</summary>
public static class PairwiseDistanceExtensions
{
    /// <summary>
    /// The matrix as a dissimilarity (smaller = closer): <paramref name="values"/> unchanged for a
    /// distance, negated for a similarity. Same shape, dtype and device; differentiable.
    /// </summary>
    public static Tensor ToDissimilarity(this IPairwiseDistance distance, Tensor values) =>
        distance.IsSimilarity ? values.neg() : values.alias();

    /// <summary>Checks that <paramref name="embeddings"/> is a floating-point [m, d] matrix.</summary>
    /// <exception cref="ArgumentException">Wrong rank or an integer dtype.</exception>
    public static void CheckEmbeddings(Tensor embeddings, string parameterName)
    {
        if (embeddings.dim() != 2)
        {
            throw new ArgumentException(
                $"Embeddings must be a 2-D tensor [batch, dim], got shape [{string.Join(", ", embeddings.shape)}].", parameterName);
        }
        if (!embeddings.is_floating_point())
        {
            throw new ArgumentException($"Embeddings must be float32 or float64, got {embeddings.dtype}.", parameterName);
        }
    }
}
