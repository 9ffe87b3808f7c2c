using static TorchSharp.torch;

namespace Workbench.Losses.Ucdir;

/// <summary>
/// The seed variant's cluster-wise loss L_CW = −Σ_i log softmax_j(cos(z_i, c_j)/τ) evaluated at the hard cluster
/// y_i = argmax_j p_ij: a prototype cross-entropy against the sample's own (detached) argmax cluster.
/// </summary>
/// <remarks>Seed choices: y_i is computed from the detached logits (argmax has no gradient anyway), ties go to the
/// lowest cluster index; the centroids are expected detached so gradients reach only z; the default reduction is
/// the seed's sum over samples (<see cref="UcdirReduction.Mean"/> divides by n).</remarks>
public static class SeedClusterWiseLoss
{
    /// <summary>L_CW from assignment logits <c>[n, K]</c> (see <see cref="SoftAssignment.Logits"/>); returns a scalar.</summary>
    public static Tensor FromLogits(Tensor logits, UcdirReduction reduction = UcdirReduction.Sum)
    {
        using var scope = NewDisposeScope();
        return reduction.ToReducer().Reduce(PerSample(logits)).MoveToOuterDisposeScope();
    }

    /// <summary>L_CW for features <c>[n, D]</c> and centroids <c>[K, D]</c> at temperature τ.</summary>
    public static Tensor Compute(Tensor z, Tensor centroids, double temperature = SoftAssignment.DefaultTemperature, UcdirReduction reduction = UcdirReduction.Sum)
    {
        using var scope = NewDisposeScope();
        return FromLogits(SoftAssignment.Logits(z, centroids.detach(), temperature), reduction).MoveToOuterDisposeScope();
    }

    /// <summary>Per-sample terms −log p_i,y_i <c>[n]</c>.</summary>
    public static Tensor PerSample(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.dim() != 2 || logits.shape[1] < 1) throw new ArgumentException($"Logits must be [n, K] with K ≥ 1; got [{string.Join(", ", logits.shape)}].", nameof(logits));
        using var scope = NewDisposeScope();
        // A prototype InfoNCE whose positive is the sample's own (detached) argmax cluster.
        var target = logits.detach().argmax(1);
        return InfoNce.PerAnchor(logits, target, exclude: null).MoveToOuterDisposeScope();
    }
}
