using Workbench.Clustering;
using static TorchSharp.torch;

namespace Workbench.Losses.Ucdir;

/// <summary>Output of <see cref="SeedDistanceOfDistanceLoss.Compute"/>.</summary>
/// <param name="Loss">L_DD, a scalar with gradient through both centroid sets.</param>
/// <param name="Permutation">π: A's centroid i is matched to B's centroid π(i).</param>
/// <param name="Matching">The Sinkhorn solve (plan <c>[K, K]</c>, rows A, columns B), e.g. for a heatmap.</param>
public sealed record SeedDdResult(Tensor Loss, int[] Permutation, SinkhornResult Matching) : IDisposable
{
    /// <summary>Disposes the loss and the Sinkhorn tensors.</summary>
    public void Dispose()
    {
        Loss.Dispose();
        Matching.Dispose();
    }
}
