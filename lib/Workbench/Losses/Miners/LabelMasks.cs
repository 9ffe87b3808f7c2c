using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Miners;

/// <summary>Label checks and the positive/negative pair masks every label-based loss starts from.</summary>
public static class LabelMasks
{
    /// <summary>
    /// Checks that <paramref name="labels"/> is a 1-D integer tensor with <paramref name="batchSize"/>
    /// entries on the same device as the embeddings.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong rank, dtype or length.</exception>
    public static void CheckLabels(Tensor labels, long batchSize, string parameterName = "labels")
    {
        if (labels.dim() != 1)
        {
            throw new ArgumentException(
                $"Labels must be a 1-D tensor [batch], got shape [{string.Join(", ", labels.shape)}].", parameterName);
        }
        if (labels.is_floating_point() || labels.dtype == ScalarType.Bool)
        {
            throw new ArgumentException($"Labels must be an integer tensor (int32 or int64), got {labels.dtype}.", parameterName);
        }
        if (labels.shape[0] != batchSize)
        {
            throw new ArgumentException(
                $"Labels have {labels.shape[0]} entries but the batch has {batchSize} embeddings.", parameterName);
        }
    }

    /// <summary>Same-label mask without the diagonal: [m] → [m, m] bool, true where y_i = y_j and i ≠ j.</summary>
    public static Tensor Positives(Tensor labels)
    {
        using var same = SameLabel(labels);
        using var eye = torch.eye(labels.shape[0], dtype: ScalarType.Bool, device: labels.device);
        return same.logical_and(eye.logical_not());
    }

    /// <summary>Different-label mask: [m] → [m, m] bool, true where y_i ≠ y_j.</summary>
    public static Tensor Negatives(Tensor labels)
    {
        using var same = SameLabel(labels);
        return same.logical_not();
    }

    /// <summary>y_i = y_j for all i, j: [m] → [m, m] bool (diagonal true).</summary>
    public static Tensor SameLabel(Tensor labels)
    {
        using var column = labels.unsqueeze(1);
        using var row = labels.unsqueeze(0);
        return column.eq(row);
    }

    /// <summary>The labels as a managed array (copied to the CPU), for the CPU-side inference code.</summary>
    public static long[] ToArray(Tensor labels)
    {
        using var cpu = labels.to(ScalarType.Int64, torch.CPU);
        return cpu.data<long>().ToArray();
    }
}
