using static TorchSharp.torch;

namespace Workbench.Losses;

/// <summary>
/// SPQ's cross-quantized contrastive loss (papers.md 2.2, official <c>CQCLoss</c>):
/// L = NT-Xent(U = [x̂^a; ẑ^b]) + NT-Xent(V = [x̂^b; ẑ^a]) with τ = 0.5 and cosine similarity
/// (ε = 1e-8), i.e. ℓ_ab + ℓ_ba, each the mean over its 2N anchors (the code sums the two
/// cross-entropies and divides by 2N once, which is the same). The descriptor of one view is
/// contrasted with the quantized descriptor of the other; x̂^a never meets its own ẑ^a.
/// </summary>
public sealed class CrossQuantizedContrastiveLoss : QuantizedContrastiveLoss
{
    /// <summary>Creates the loss with SPQ's NT-Xent (cosine with ε, divided by τ, mean over anchors).</summary>
    /// <param name="temperature">τ_cqc (0.5).</param>
    /// <param name="eps">Cosine-similarity ε (1e-8).</param>
    public CrossQuantizedContrastiveLoss(double temperature = 0.5, double eps = 1e-8) : this(new NtXentLoss(temperature, eps))
    {
    }

    /// <summary>Creates the loss over a configured NT-Xent term (its similarity and reducer).</summary>
    public CrossQuantizedContrastiveLoss(NtXentLoss ntXent) : base(nameof(CrossQuantizedContrastiveLoss), ntXent)
    {
    }

    /// <inheritdoc/>
    public override string Label => "CQC";

    /// <summary>ℓ_ab + ℓ_ba for x̂^a, x̂^b, ẑ^a, ẑ^b <c>[N, D]</c>: a scalar tensor.</summary>
    public override Tensor forward(Tensor xa, Tensor xb, Tensor za, Tensor zb)
    {
        CheckViews(xa, xb, za, zb);
        using var ab = NtXent.forward(xa, zb);
        using var ba = NtXent.forward(xb, za);
        return ab + ba;
    }
}
