using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Reducers;

/// <summary>
/// Mean over all terms, zero terms included: Σ t / n. TF contrib's normalisation (e.g. the
/// semi-hard triplet loss divides by the number of positive pairs, zero-loss pairs included).
/// </summary>
/// <remarks>An empty term vector reduces to 0 (TF would give 0/0 = NaN).</remarks>
public sealed class MeanReducer : ILossReducer
{
    /// <inheritdoc/>
    public string Name => "mean";

    /// <inheritdoc/>
    public Tensor Reduce(Tensor terms)
    {
        ReducerChecks.CheckTerms(terms);
        return terms.numel() == 0 ? terms.sum() : terms.mean();
    }
}
