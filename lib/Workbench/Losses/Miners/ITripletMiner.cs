using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Miners;

/// <summary>
/// Chooses (anchor, positive, negative) triplets from a batch, given the pairwise dissimilarity
/// matrix (smaller = closer) and the labels. Mining is not differentiated: implementations read
/// the matrix without recording gradients.
/// </summary>
public interface ITripletMiner
{
    /// <summary>Short name for logs and ablation tables.</summary>
    string Name { get; }

    /// <summary>Mines triplets. <paramref name="dissimilarity"/> [m, m] (any float dtype), <paramref name="labels"/> [m] integer; same device.</summary>
    TripletIndices Mine(Tensor dissimilarity, Tensor labels);
}
