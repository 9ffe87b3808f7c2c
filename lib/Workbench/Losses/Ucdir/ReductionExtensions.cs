using static TorchSharp.torch;

namespace Workbench.Losses.Ucdir;

/// <summary>Applies a <see cref="UcdirReduction"/> to a tensor of terms.</summary>
internal static class ReductionExtensions
{
    /// <summary>Σ or mean over every element of <paramref name="terms"/> (0 for an empty tensor under both).</summary>
    public static Tensor Reduce(this Tensor terms, UcdirReduction reduction) => reduction switch
    {
        UcdirReduction.Sum => terms.sum(),
        UcdirReduction.Mean => terms.numel() == 0 ? terms.sum() : terms.mean(),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
    };
}
