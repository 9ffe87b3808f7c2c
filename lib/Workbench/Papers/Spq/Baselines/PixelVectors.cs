using TorchSharp;
using Workbench.Data;
using static TorchSharp.torch;

namespace Workbench.Papers.Spq.Baselines;

/// <summary>Images as flat pixel vectors, the input of the classic baselines.</summary>
public static class PixelVectors
{
    /// <summary>
    /// Every image of <paramref name="dataset"/> as float32 <c>[N, C·H·W]</c> in [0, 1] (CHW order), on the CPU,
    /// with zero columns appended up to a multiple of <paramref name="multipleOf"/> (a zero coordinate adds
    /// nothing to any distance, so PQ can split any dimension into M equal sub-spaces).
    /// </summary>
    public static Tensor Load(IImageDataset dataset, int multipleOf = 1, int chunk = 4096)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (multipleOf < 1) throw new ArgumentOutOfRangeException(nameof(multipleOf), multipleOf, "Must be at least 1.");
        int d = dataset.Channels * dataset.Height * dataset.Width;
        int padded = (d + multipleOf - 1) / multipleOf * multipleOf;
        var result = zeros(dataset.Count, padded, ScalarType.Float32);
        var all = Enumerable.Range(0, dataset.Count).ToArray();
        for (int start = 0; start < dataset.Count; start += chunk)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(chunk, dataset.Count - start);
            var images = dataset.LoadFloat(all.AsSpan(start, count));
            result.narrow(0, start, count).narrow(1, 0, d).copy_(images.reshape(count, d));
        }
        return result;
    }
}
