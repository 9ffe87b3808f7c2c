using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Distances;

/// <summary>
/// A pairwise distance (smaller = closer) or similarity (larger = closer) between embeddings:
/// the geometry a metric-learning loss or miner is composed with (pytorch-metric-learning's
/// <c>distance</c> argument).
/// </summary>
/// <remarks>
/// Losses and miners work on the <em>dissimilarity view</em> of the matrix
/// (<see cref="PairwiseDistanceExtensions.ToDissimilarity"/>): the matrix itself for a distance,
/// its negation for a similarity, so every "closer than" test has one direction.
/// </remarks>
public interface IPairwiseDistance
{
    /// <summary>Short name for logs and ablation tables, e.g. <c>euclidean</c>.</summary>
    string Name { get; }

    /// <summary>True when larger values mean closer (pytorch-metric-learning's <c>is_inverted</c>).</summary>
    bool IsSimilarity { get; }

    /// <summary>All pairs of one batch: <paramref name="embeddings"/> [m, d] → [m, m] (same dtype and device), exactly symmetric (entry [i, j] equals [j, i] bit for bit). Distances have an exact-zero diagonal.</summary>
    Tensor Pairwise(Tensor embeddings);

    /// <summary>All pairs between two sets: <paramref name="queries"/> [n, d] and <paramref name="references"/> [k, d] → [n, k].</summary>
    Tensor Pairwise(Tensor queries, Tensor references);

    /// <summary>Row-wise pairs: <paramref name="a"/> [n, d] and <paramref name="b"/> [n, d] → [n] with value(a_i, b_i).</summary>
    Tensor Paired(Tensor a, Tensor b);
}
