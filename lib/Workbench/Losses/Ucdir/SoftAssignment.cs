using Workbench.Losses.Distances;
using static TorchSharp.torch;

namespace Workbench.Losses.Ucdir;

/// <summary>
/// The seed variant's soft cluster assignment p_ij = softmax_j(cos(z_i, c_j) / τ).
/// </summary>
public static class SoftAssignment
{
    /// <summary>Default temperature τ = 0.1 (seed: "τ ≈ 0.1").</summary>
    public const double DefaultTemperature = 0.1;

    /// <summary>Logits cos(z_i, c_j)/τ <c>[n, K]</c> for features <paramref name="z"/> <c>[n, D]</c> and centroids <paramref name="centroids"/> <c>[K, D]</c>.</summary>
    /// <remarks>Cosine = dot product of the L2-normalised rows (norms clamped at 1e-12, as torch's F.normalize). Differentiable in both inputs;
    /// pass detached centroids to keep them constant.</remarks>
    public static Tensor Logits(Tensor z, Tensor centroids, double temperature = DefaultTemperature)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(centroids);
        if (z.dim() != 2 || centroids.dim() != 2 || z.shape[1] != centroids.shape[1])
            throw new ArgumentException($"Soft assignment needs z [n, D] and centroids [K, D]; got [{string.Join(", ", z.shape)}] and [{string.Join(", ", centroids.shape)}].");
        if (!(temperature > 0)) throw new ArgumentException($"The assignment temperature must be positive; got {temperature}.", nameof(temperature));
        using var scope = NewDisposeScope();
        var cosine = new TemperatureScaledSimilarity(new CosineSimilarity(), temperature);
        return cosine.Pairwise(z, centroids.to(z.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>Assignments p <c>[n, K]</c>, rows summing to 1.</summary>
    public static Tensor Probabilities(Tensor z, Tensor centroids, double temperature = DefaultTemperature)
    {
        using var scope = NewDisposeScope();
        return Logits(z, centroids, temperature).softmax(1).MoveToOuterDisposeScope();
    }
}
