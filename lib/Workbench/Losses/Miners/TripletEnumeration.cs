using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Miners;

/// <summary>Turns a [P, m] mask over (positive pair, negative) into triplet indices.</summary>
internal static class TripletEnumeration
{
    public static TripletIndices FromPairMask(PairRows rows, Tensor pairNegativeMask)
    {
        using var hits = pairNegativeMask.nonzero();
        using var pairIndex = hits.select(1, 0);
        var negatives = hits.select(1, 1).contiguous();
        var anchors = rows.Anchors.index_select(0, pairIndex);
        var positives = rows.Positives.index_select(0, pairIndex);
        return new TripletIndices(anchors, positives, negatives);
    }
}
