using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Miners;

/// <summary>
/// The ordered positive pairs (a, p), a ≠ p, y_a = y_p of a batch in row-major order
/// (a ascending, then p), with the anchor rows of the dissimilarity matrix and of the negative mask
/// gathered once: the common start of every triplet miner.
/// </summary>
internal sealed class PairRows : IDisposable
{
    public PairRows(Tensor dissimilarity, Tensor labels)
    {
        if (dissimilarity.dim() != 2 || dissimilarity.shape[0] != dissimilarity.shape[1])
        {
            throw new ArgumentException(
                $"Mining needs a square [m, m] dissimilarity matrix, got shape [{string.Join(", ", dissimilarity.shape)}].", nameof(dissimilarity));
        }
        LabelMasks.CheckLabels(labels, dissimilarity.shape[0]);
        using var positives = LabelMasks.Positives(labels);
        using var pairs = positives.nonzero();
        Anchors = pairs.select(1, 0).contiguous();
        Positives = pairs.select(1, 1).contiguous();
        NegativeMask = LabelMasks.Negatives(labels);
        AnchorRows = dissimilarity.index_select(0, Anchors);
        NegativeRows = NegativeMask.index_select(0, Anchors);
        PositiveValues = Gather(dissimilarity, Anchors, Positives);
    }

    /// <summary>[P] int64 anchor indices.</summary>
    public Tensor Anchors { get; }

    /// <summary>[P] int64 positive indices.</summary>
    public Tensor Positives { get; }

    /// <summary>[m, m] bool, y_i ≠ y_j.</summary>
    public Tensor NegativeMask { get; }

    /// <summary>[P, m] rows D[a, :] of each pair's anchor.</summary>
    public Tensor AnchorRows { get; }

    /// <summary>[P, m] bool rows of the negative mask for each pair's anchor.</summary>
    public Tensor NegativeRows { get; }

    /// <summary>[P] D[a, p].</summary>
    public Tensor PositiveValues { get; }

    /// <summary>Number of ordered positive pairs P.</summary>
    public long Count => Anchors.shape[0];

    /// <summary>matrix[rows[k], cols[k]] for each k, differentiably: [n, n'] × [t] × [t] → [t].</summary>
    public static Tensor Gather(Tensor matrix, Tensor rows, Tensor cols)
    {
        using var flat = matrix.reshape(-1);
        using var scaled = rows.mul(matrix.shape[1]);
        using var index = scaled.add(cols);
        return flat.index_select(0, index);
    }

    public void Dispose()
    {
        Anchors.Dispose();
        Positives.Dispose();
        NegativeMask.Dispose();
        AnchorRows.Dispose();
        NegativeRows.Dispose();
        PositiveValues.Dispose();
    }
}
