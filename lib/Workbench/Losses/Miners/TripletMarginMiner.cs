using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Miners;

/// <summary>
/// pytorch-metric-learning's <c>TripletMarginMiner</c> (the PML-convention option): enumerates every
/// triplet (a, p, n) with a ≠ p, y_a = y_p, y_n ≠ y_a and keeps those whose triplet margin
/// t = D_an − D_ap passes <see cref="Type"/> (see <see cref="TripletMarginType"/>). Order:
/// a, then p, then n ascending (PML's order).
/// </summary>
/// <param name="margin">α, PML's default 0.2.</param>
/// <param name="type">Which triplets to keep; PML's default <see cref="TripletMarginType.All"/>.</param>
public sealed class TripletMarginMiner(double margin = 0.2, TripletMarginType type = TripletMarginType.All) : ITripletMiner
{
    /// <summary>The miner's margin α.</summary>
    public double Margin { get; } = margin;

    /// <summary>Which triplets are kept.</summary>
    public TripletMarginType Type { get; } = type;

    /// <inheritdoc/>
    public string Name => $"triplet-margin-{Type.ToString().ToLowerInvariant()}";

    /// <inheritdoc/>
    public TripletIndices Mine(Tensor dissimilarity, Tensor labels)
    {
        using var noGrad = torch.no_grad();
        using var d = dissimilarity.detach();
        using var rows = new PairRows(d, labels);
        using var threshold = rows.PositiveValues.unsqueeze(1);
        using var tripletMargin = rows.AnchorRows - threshold;
        using var keep = Type switch
        {
            TripletMarginType.Easy => tripletMargin.gt(Margin),
            TripletMarginType.Hard => tripletMargin.le(Math.Min(Margin, 0.0)),
            TripletMarginType.SemiHard => tripletMargin.le(Margin).logical_and_(tripletMargin.gt(0.0)),
            _ => tripletMargin.le(Margin),
        };
        using var valid = keep.logical_and(rows.NegativeRows);
        return TripletEnumeration.FromPairMask(rows, valid);
    }
}
