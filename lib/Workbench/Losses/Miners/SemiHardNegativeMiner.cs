using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Miners;

/// <summary>
/// TF contrib's semi-hard negative mining (<c>triplet_semihard_loss</c>, FaceNet): one triplet per
/// ordered positive pair (a, p), a ≠ p, y_a = y_p. The negative is the one with the smallest
/// D_an among negatives with D_an &gt; D_ap; if no such negative exists, the negative with the
/// largest D_an. There is no upper bound D_an &lt; D_ap + α (the TF docstring's wording is
/// misleading, tensorflow#16691).
/// </summary>
/// <remarks>
/// <para>Every positive pair yields a triplet, so the loss averages over all positive pairs,
/// zero-loss ones included (papers.md 3.3). Ties pick the lowest index.</para>
/// <para>An anchor whose class fills the whole batch has no negative at all: TF's masked maximum
/// then returns the row minimum, D_aa = 0. This miner reproduces that by returning the anchor
/// itself as the negative (D_aa is exactly 0 for the library's distances).</para>
/// <para>pytorch-metric-learning's "semihard" (<see cref="TripletMarginMiner"/>) differs: it keeps
/// every triplet with 0 &lt; D_an − D_ap ≤ margin and has no fallback.</para>
/// </remarks>
public sealed class SemiHardNegativeMiner : ITripletMiner
{
    /// <inheritdoc/>
    public string Name => "semi-hard-tf";

    /// <inheritdoc/>
    public TripletIndices Mine(Tensor dissimilarity, Tensor labels)
    {
        using var noGrad = torch.no_grad();
        using var d = dissimilarity.detach();
        using var rows = new PairRows(d, labels);

        // negatives_outside: smallest D_an among negatives with D_an > D_ap.
        using var threshold = rows.PositiveValues.unsqueeze(1);
        using var farther = rows.AnchorRows.gt(threshold);
        using var semiHard = rows.NegativeRows.logical_and(farther);
        using var notSemiHard = semiHard.logical_not();
        using var outsideMasked = rows.AnchorRows.masked_fill(notSemiHard, double.PositiveInfinity);
        using var outside = outsideMasked.argmin(1);
        using var hasSemiHard = semiHard.any(1);

        // negatives_inside: largest D_an over all negatives of the anchor; the anchor itself when it has none.
        using var notNegative = rows.NegativeMask.logical_not();
        using var insideMasked = d.masked_fill(notNegative, double.NegativeInfinity);
        using var largest = insideMasked.argmax(1);
        using var anyNegative = rows.NegativeMask.any(1);
        using var self = torch.arange(d.shape[0], dtype: ScalarType.Int64, device: d.device);
        using var insidePerAnchor = torch.where(anyNegative, largest, self);
        using var inside = insidePerAnchor.index_select(0, rows.Anchors);

        var negatives = torch.where(hasSemiHard, outside, inside);
        return new TripletIndices(rows.Anchors.clone(), rows.Positives.clone(), negatives);
    }
}
