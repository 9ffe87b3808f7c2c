using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Reducers;

/// <summary>Input validation shared by the reducers.</summary>
internal static class ReducerChecks
{
    public static void CheckTerms(Tensor terms)
    {
        if (terms.dim() != 1)
        {
            throw new ArgumentException(
                $"A reducer takes a 1-D tensor of per-element loss terms, got shape [{string.Join(", ", terms.shape)}].", nameof(terms));
        }
    }
}
