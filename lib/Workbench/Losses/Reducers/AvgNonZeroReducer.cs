using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Reducers;

/// <summary>
/// Mean over the strictly positive terms only: Σ t / #{t &gt; 0}, and 0 when no term is positive
/// (pytorch-metric-learning's <c>AvgNonZeroReducer</c>, the default reducer of its triplet and
/// contrastive losses).
/// </summary>
public sealed class AvgNonZeroReducer : ILossReducer
{
    /// <inheritdoc/>
    public string Name => "avg-non-zero";

    /// <inheritdoc/>
    public Tensor Reduce(Tensor terms)
    {
        ReducerChecks.CheckTerms(terms);
        using var positive = terms.gt(0.0);
        using var countTensor = positive.sum();
        long count = countTensor.item<long>();
        if (count == 0)
        {
            using var total = terms.sum();
            return total.mul(0.0);
        }
        using var kept = terms.masked_select(positive);
        return kept.mean();
    }
}
