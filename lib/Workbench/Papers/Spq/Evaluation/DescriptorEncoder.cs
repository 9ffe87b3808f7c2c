using TorchSharp;
using Workbench.Data;
using static TorchSharp.torch;

namespace Workbench.Papers.Spq.Evaluation;

/// <summary>Runs a model over a whole image set in batches and collects its descriptors on the CPU.</summary>
public static class DescriptorEncoder
{
    /// <summary>
    /// <paramref name="encode"/> applied to every image of <paramref name="dataset"/> (float in [0, 1],
    /// batches of <paramref name="batchSize"/> on <paramref name="device"/>), under <c>no_grad</c>:
    /// float32 <c>[N, D]</c> on the CPU, in dataset order. Put the model in eval mode first.
    /// </summary>
    public static Tensor Encode(Func<Tensor, Tensor> encode, IImageDataset dataset, int batchSize, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
        if (dataset.Count == 0) throw new ArgumentException($"{dataset.Name} has no images to encode.", nameof(dataset));
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        try
        {
            var all = Enumerable.Range(0, dataset.Count).ToArray();
            for (int start = 0; start < dataset.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(batchSize, dataset.Count - start);
                var images = dataset.LoadFloat(all.AsSpan(start, count), device);
                var descriptors = encode(images).to(ScalarType.Float32, CPU);
                parts.Add(descriptors.DetachFromDisposeScope());
            }
            return parts.Count == 1 ? parts[0].alias() : cat(parts, 0);
        }
        finally
        {
            foreach (var p in parts) p.Dispose();
        }
    }
}
