using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Miners;

/// <summary>
/// Mined triplets as three int64 index tensors of equal length t: row indices of the anchors,
/// positives and negatives in the batch (pytorch-metric-learning's <c>indices_tuple</c>).
/// </summary>
/// <param name="Anchors">[t] int64.</param>
/// <param name="Positives">[t] int64, same label as the anchor, different index.</param>
/// <param name="Negatives">[t] int64, a different label from the anchor — except TF contrib's
/// fallback for an anchor without any negative in the batch, which uses the anchor itself
/// (D_aa = 0, see <see cref="SemiHardNegativeMiner"/>).</param>
public sealed record TripletIndices(Tensor Anchors, Tensor Positives, Tensor Negatives) : IDisposable
{
    /// <summary>Number of triplets t.</summary>
    public long Count => Anchors.shape[0];

    /// <summary>Disposes the three index tensors.</summary>
    public void Dispose()
    {
        Anchors.Dispose();
        Positives.Dispose();
        Negatives.Dispose();
    }
}
