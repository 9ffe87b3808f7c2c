using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Losses;

/// <summary>
/// The contrastive cross-entropy shared by NT-Xent (SimCLR, SPQ) and MoCo's InfoNCE: for each
/// anchor r with similarities s_r· to its candidates, one positive candidate pos(r) and a set of
/// excluded candidates E(r) (e.g. itself),
/// ℓ = (1/R) Σ_r [ log Σ_{c ∉ E(r)} exp(s_rc / τ) − s_{r,pos(r)} / τ ],
/// i.e. <c>cross_entropy(masked logits / τ, pos)</c> with mean reduction.
/// </summary>
public static class InfoNce
{
    /// <summary>Computes ℓ (a scalar tensor, differentiable w.r.t. <paramref name="similarity"/>).</summary>
    /// <param name="similarity">s <c>[R, C]</c>, float32 or float64.</param>
    /// <param name="positive">pos <c>[R]</c> int64 column index of each anchor's positive.</param>
    /// <param name="exclude">E <c>[R, C]</c> bool (true = left out of the denominator), or null for none.</param>
    /// <param name="temperature">τ &gt; 0.</param>
    /// <exception cref="ArgumentException">Shapes disagree, τ ≤ 0, or a positive is excluded.</exception>
    public static Tensor Loss(Tensor similarity, Tensor positive, Tensor? exclude, double temperature)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive and finite.");
        if (similarity.dim() != 2) throw new ArgumentException($"Similarities must be [R, C]; got [{string.Join(", ", similarity.shape)}].", nameof(similarity));
        long rows = similarity.shape[0];
        if (positive.dim() != 1 || positive.shape[0] != rows) throw new ArgumentException($"Positive indices must be [{rows}]; got [{string.Join(", ", positive.shape)}].", nameof(positive));
        using var scope = NewDisposeScope();
        var logits = similarity / temperature;
        var targets = positive.to(ScalarType.Int64);
        if (exclude is not null)
        {
            if (!exclude.shape.SequenceEqual(similarity.shape)) throw new ArgumentException($"The exclusion mask must be [{rows}, {similarity.shape[1]}]; got [{string.Join(", ", exclude.shape)}].", nameof(exclude));
            var mask = exclude.to(ScalarType.Bool);
            if (mask.gather(1, targets.unsqueeze(1)).any().item<bool>())
            {
                throw new ArgumentException("A positive is also excluded from the denominator; the loss would be infinite.", nameof(exclude));
            }
            logits = logits.masked_fill(mask, double.NegativeInfinity);
        }
        return F.cross_entropy(logits, targets).MoveToOuterDisposeScope();
    }
}
