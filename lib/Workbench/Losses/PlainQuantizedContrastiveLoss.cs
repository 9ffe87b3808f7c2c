using static TorchSharp.torch;

namespace Workbench.Losses;

/// <summary>
/// The SPQ-C ablation, "contrastive learning instead of cross-quantized contrastive learning":
/// the standard SimCLR comparison of the head outputs of the two views (the paper's Fig. 1a:
/// contrastive learning compares ẑ_i and ẑ_j), here L = NT-Xent([ẑ^a; ẑ^b]), τ = 0.5, one term
/// averaged over 2N anchors. Descriptors x̂ are not compared directly; they are trained through
/// the soft quantizer, and the codewords through ẑ. The paper releases no code for SPQ-C; this
/// is the project's reading (contrasting x̂^a with x̂^b instead would leave the codebook without
/// any gradient).
/// </summary>
public sealed class PlainQuantizedContrastiveLoss : QuantizedContrastiveLoss
{
    /// <summary>Creates the loss with SPQ's NT-Xent (cosine with ε, divided by τ, mean over anchors).</summary>
    /// <param name="temperature">τ (0.5 as in SPQ).</param>
    /// <param name="eps">Cosine-similarity ε (1e-8).</param>
    public PlainQuantizedContrastiveLoss(double temperature = 0.5, double eps = 1e-8) : this(new NtXentLoss(temperature, eps))
    {
    }

    /// <summary>Creates the loss over a configured NT-Xent term (its similarity and reducer).</summary>
    public PlainQuantizedContrastiveLoss(NtXentLoss ntXent) : base(nameof(PlainQuantizedContrastiveLoss), ntXent)
    {
    }

    /// <inheritdoc/>
    public override string Label => "SPQ-C";

    /// <summary>NT-Xent(ẑ^a, ẑ^b); x̂^a and x̂^b are only shape-checked.</summary>
    public override Tensor forward(Tensor xa, Tensor xb, Tensor za, Tensor zb)
    {
        CheckViews(xa, xb, za, zb);
        return NtXent.forward(za, zb);
    }
}
