using static TorchSharp.torch;

namespace Workbench.Clustering;

/// <summary>
/// The workbench's tie rule for arg-max/arg-min choices (facility-location greedy and PAM, k-means
/// assignment and initialisation): values within <see cref="RelativeTolerance"/> (relative) of the
/// best count as tied, and a tie goes to the lowest index. Rounding noise of the last bits then cannot
/// decide a choice, so two processes (or two summation orders) that differ only in the last ulp pick
/// the same item.
/// </summary>
public static class NearTies
{
    /// <summary>Relative width of a near-tie: 1e-10.</summary>
    public const double RelativeTolerance = 1e-10;

    /// <summary>The lowest index whose value is within the tolerance of the maximum (0 for an empty or all −∞ span).</summary>
    public static int FirstMax(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return 0;
        double best = double.NegativeInfinity;
        foreach (double v in values) if (v > best) best = v;
        if (double.IsNegativeInfinity(best)) return 0;
        double threshold = best - RelativeTolerance * Math.Abs(best);
        for (int k = 0; k < values.Length; k++) if (values[k] >= threshold) return k;
        return 0;
    }

    /// <summary>The lowest index whose value is within the tolerance of the minimum (0 for an empty or all +∞ span).</summary>
    public static int FirstMin(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return 0;
        double best = double.PositiveInfinity;
        foreach (double v in values) if (v < best) best = v;
        if (double.IsPositiveInfinity(best)) return 0;
        double threshold = best + RelativeTolerance * Math.Abs(best);
        for (int k = 0; k < values.Length; k++) if (values[k] <= threshold) return k;
        return 0;
    }

    /// <summary>
    /// Per row of <paramref name="values"/> ([n, k]): the minimum and the lowest column within
    /// <see cref="RelativeTolerance"/>·<paramref name="scale"/> of it.
    /// </summary>
    /// <param name="values">[n, k] values to minimise along dim 1.</param>
    /// <param name="scale">[n] non-negative magnitudes the tolerance is relative to (e.g. the terms the values were summed from).</param>
    /// <returns>The row minima [n] and their lowest near-tied columns [n] (int64).</returns>
    public static (Tensor Values, Tensor Indices) RowMin(Tensor values, Tensor scale)
    {
        using var scope = NewDisposeScope();
        var (min, _) = values.min(1, keepdim: true);
        var bound = min + scale.unsqueeze(1).abs().mul(RelativeTolerance);
        var within = values.le(bound).to(ScalarType.Int32);
        var first = within.argmax(1); // argmax returns the first maximal index
        return (min.squeeze(1).MoveToOuterDisposeScope(), first.MoveToOuterDisposeScope());
    }
}
