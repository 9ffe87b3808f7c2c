using TorchSharp;
using Workbench.Losses.Reducers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Losses;

/// <summary>
/// The contrastive cross-entropy shared by NT-Xent (SimCLR, SPQ) and MoCo/UCDIR's InfoNCE: for each
/// anchor r with logits ℓ_r· over its candidates (a similarity, usually temperature-scaled, see
/// <see cref="Distances.TemperatureScaledSimilarity"/>), one positive candidate pos(r) and a set of
/// excluded candidates E(r) (e.g. itself), the per-anchor term is
/// t_r = log Σ_{c ∉ E(r)} exp(ℓ_rc) − ℓ_{r,pos(r)}, i.e. <c>cross_entropy(masked logits, pos, reduction: none)</c>;
/// a reducer turns the terms into the loss (<see cref="MeanReducer"/>: MoCo, SimCLR; <see cref="SumReducer"/>).
/// </summary>
public static class InfoNce
{
    /// <summary>Per-anchor terms t <c>[R]</c> (differentiable w.r.t. <paramref name="logits"/>).</summary>
    /// <param name="logits">ℓ <c>[R, C]</c>, float32 or float64.</param>
    /// <param name="positive">pos <c>[R]</c> int64 column index of each anchor's positive.</param>
    /// <param name="exclude">E <c>[R, C]</c> bool (true = left out of the denominator), or null for none.</param>
    /// <exception cref="ArgumentException">Shapes disagree or a positive is excluded.</exception>
    public static Tensor PerAnchor(Tensor logits, Tensor positive, Tensor? exclude)
    {
        using var scope = NewDisposeScope();
        var (masked, targets) = Prepare(logits, positive, exclude);
        return F.cross_entropy(masked, targets, reduction: nn.Reduction.None).MoveToOuterDisposeScope();
    }

    /// <summary>The loss: <paramref name="reducer"/> over <see cref="PerAnchor"/> (a scalar tensor).</summary>
    /// <remarks>With a <see cref="MeanReducer"/> the mean is <c>cross_entropy</c>'s own fused mean: the same gradient as
    /// <see cref="MeanReducer"/> over the terms (both send −1/R), and the forward sum rounded as torch rounds it (the
    /// plain <c>Tensor.mean</c> can differ in the last bit), so recorded runs reproduce to the bit.</remarks>
    /// <exception cref="ArgumentException">Shapes disagree or a positive is excluded.</exception>
    public static Tensor Loss(Tensor logits, Tensor positive, Tensor? exclude, ILossReducer reducer)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        if (reducer is MeanReducer && logits.dim() == 2 && logits.shape[0] > 0)
        {
            using var scope = NewDisposeScope();
            var (masked, targets) = Prepare(logits, positive, exclude);
            return F.cross_entropy(masked, targets).MoveToOuterDisposeScope();
        }
        using var terms = PerAnchor(logits, positive, exclude);
        return reducer.Reduce(terms);
    }

    /// <summary>Checks the shapes and fills the excluded logits with −∞; returns the logits and int64 targets.</summary>
    private static (Tensor Logits, Tensor Targets) Prepare(Tensor logits, Tensor positive, Tensor? exclude)
    {
        if (logits.dim() != 2) throw new ArgumentException($"Logits must be [R, C]; got [{string.Join(", ", logits.shape)}].", nameof(logits));
        long rows = logits.shape[0];
        if (positive.dim() != 1 || positive.shape[0] != rows) throw new ArgumentException($"Positive indices must be [{rows}]; got [{string.Join(", ", positive.shape)}].", nameof(positive));
        var targets = positive.to(ScalarType.Int64);
        if (exclude is null) return (logits.alias(), targets);
        if (!exclude.shape.SequenceEqual(logits.shape)) throw new ArgumentException($"The exclusion mask must be [{rows}, {logits.shape[1]}]; got [{string.Join(", ", exclude.shape)}].", nameof(exclude));
        using var mask = exclude.to(ScalarType.Bool);
        using var positiveExcluded = mask.gather(1, targets.unsqueeze(1)).any();
        if (positiveExcluded.item<bool>())
        {
            throw new ArgumentException("A positive is also excluded from the denominator; the loss would be infinite.", nameof(exclude));
        }
        return (logits.masked_fill(mask, double.NegativeInfinity), targets);
    }

    /// <summary>
    /// ℓ = (1/R) Σ_r [ log Σ_{c ∉ E(r)} exp(s_rc / τ) − s_{r,pos(r)} / τ ] for unscaled similarities s <c>[R, C]</c>:
    /// <see cref="Loss(Tensor, Tensor, Tensor?, ILossReducer)"/> on s / τ with the <see cref="MeanReducer"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes disagree, τ ≤ 0, or a positive is excluded.</exception>
    public static Tensor Loss(Tensor similarity, Tensor positive, Tensor? exclude, double temperature)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive and finite.");
        using var logits = similarity.div(temperature);
        return Loss(logits, positive, exclude, new MeanReducer());
    }
}
