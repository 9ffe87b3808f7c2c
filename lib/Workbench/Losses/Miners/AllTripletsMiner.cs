using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Miners;

/// <summary>
/// Every valid triplet (a, p, n) with a ≠ p, y_a = y_p, y_n ≠ y_a, unfiltered: what a
/// pytorch-metric-learning triplet loss uses when no miner is given. Order: a, p, n ascending.
/// </summary>
public sealed class AllTripletsMiner : ITripletMiner
{
    /// <inheritdoc/>
    public string Name => "all-triplets";

    /// <inheritdoc/>
    public TripletIndices Mine(Tensor dissimilarity, Tensor labels)
    {
        using var noGrad = torch.no_grad();
        using var d = dissimilarity.detach();
        using var rows = new PairRows(d, labels);
        return TripletEnumeration.FromPairMask(rows, rows.NegativeRows);
    }
}
