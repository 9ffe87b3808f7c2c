using Workbench.Losses.Distances;
using Workbench.Losses.Reducers;
using static TorchSharp.torch;

namespace Workbench.Losses.Ucdir;

/// <summary>
/// Self-entropy of soft assignments, H = −Σ_j p_ij log p_ij per sample; minimising it sharpens assignments.
/// Seed: L_SE = −Σ_i Σ_j p_ij log p_ij (sum over samples, <see cref="UcdirReduction.Sum"/>). Official: the mean over
/// samples, averaged over the four (feature domain × prototype domain) pairs (<see cref="OverPrototypePairs"/>).
/// </summary>
/// <remarks>Zero for one-hot assignments, log K per sample for uniform ones. Computed as −Σ softmax·log_softmax, so it is
/// finite for any logits, including −∞ entries (0·log 0 = 0).</remarks>
public static class SelfEntropyLoss
{
    /// <summary>Per-sample entropies <c>[n]</c> of softmax(<paramref name="logits"/>) (<c>[n, K]</c>).</summary>
    public static Tensor PerSample(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.dim() != 2) throw new ArgumentException($"Logits must be [n, K]; got [{string.Join(", ", logits.shape)}].", nameof(logits));
        using var scope = NewDisposeScope();
        var logP = logits.log_softmax(1);
        var p = logP.exp();
        // 0·log 0 = 0: entries with p = 0 (e.g. −∞ logits) contribute nothing instead of NaN.
        // Masking log p (not the product) keeps the gradient finite as well.
        var terms = p.mul(where(p.gt(0), logP, zeros_like(logP)));
        return terms.sum(1).neg().MoveToOuterDisposeScope();
    }

    /// <summary>Reduced entropy of softmax(<paramref name="logits"/>); default the seed's sum.</summary>
    public static Tensor FromLogits(Tensor logits, UcdirReduction reduction = UcdirReduction.Sum)
    {
        using var scope = NewDisposeScope();
        return reduction.ToReducer().Reduce(PerSample(logits)).MoveToOuterDisposeScope();
    }

    /// <summary>Reduced entropy of given probabilities <c>[n, K]</c>, with 0·log 0 = 0.</summary>
    public static Tensor FromProbabilities(Tensor p, UcdirReduction reduction = UcdirReduction.Sum)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.dim() != 2) throw new ArgumentException($"Probabilities must be [n, K]; got [{string.Join(", ", p.shape)}].", nameof(p));
        using var scope = NewDisposeScope();
        return reduction.ToReducer().Reduce(xlogy(p, p).sum(1).neg()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Official SE (papers.md 1.4c): mean over F ∈ {q^A, q^B}, P ∈ {P_A, P_B} of mean_i H(softmax(F_i·Pᵀ / τ_se)).
    /// Features <c>[n, D]</c> and prototypes <c>[K, D]</c> are used as given (the official ones are L2-normalised).
    /// </summary>
    /// <param name="queryA">q^A <c>[n_A, D]</c>.</param>
    /// <param name="queryB">q^B <c>[n_B, D]</c>.</param>
    /// <param name="prototypesA">P_A <c>[K_A, D]</c> (constant).</param>
    /// <param name="prototypesB">P_B <c>[K_B, D]</c> (constant).</param>
    /// <param name="temperature">τ_se: 0.01 Office-Home, 0.1 DomainNet.</param>
    public static Tensor OverPrototypePairs(Tensor queryA, Tensor queryB, Tensor prototypesA, Tensor prototypesB, double temperature)
    {
        if (!(temperature > 0)) throw new ArgumentException($"The SE temperature must be positive; got {temperature}.", nameof(temperature));
        using var scope = NewDisposeScope();
        var logits = new TemperatureScaledSimilarity(new DotProductSimilarity(), temperature);
        var mean = new MeanReducer();
        var terms = new List<Tensor>(4);
        foreach (var f in new[] { queryA, queryB })
            foreach (var p in new[] { prototypesA, prototypesB })
                terms.Add(mean.Reduce(PerSample(logits.Pairwise(f, p.detach().to(f.dtype)))));
        return mean.Reduce(stack(terms)).MoveToOuterDisposeScope();
    }
}
