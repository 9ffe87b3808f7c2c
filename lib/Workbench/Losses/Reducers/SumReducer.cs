using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Reducers;

/// <summary>Sum of all terms: Σ t (0 for no terms).</summary>
public sealed class SumReducer : ILossReducer
{
    /// <inheritdoc/>
    public string Name => "sum";

    /// <inheritdoc/>
    public Tensor Reduce(Tensor terms)
    {
        ReducerChecks.CheckTerms(terms);
        return terms.sum();
    }
}
