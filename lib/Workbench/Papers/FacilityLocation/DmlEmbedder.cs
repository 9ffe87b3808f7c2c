using TorchSharp;
using Workbench.Data;
using static TorchSharp.torch;

namespace Workbench.Papers.FacilityLocation;

/// <summary>Embeds a whole image set with a trained network, in chunks (test protocol: centre crop, no augmentation).</summary>
public static class DmlEmbedder
{
    /// <summary>
    /// Runs <paramref name="model"/> over every image of <paramref name="dataset"/> in chunks of
    /// <paramref name="batchSize"/> and returns the L2-normalised embeddings <c>[N, d]</c> float32 on the CPU.
    /// The caller sets eval mode; this method disables gradients itself.
    /// </summary>
    /// <param name="model">Images <c>[B, C, H, W]</c> in [0, 1] → embeddings <c>[B, d]</c>.</param>
    /// <param name="dataset">The images to embed.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <param name="cropSize">Centre crop side (the paper's 227 of 256), or null.</param>
    /// <param name="device">Where the model runs.</param>
    public static Tensor Embed(nn.Module<Tensor, Tensor> model, IImageDataset dataset, int batchSize, int? cropSize, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        using var noGrad = no_grad();
        var chunks = new List<Tensor>();
        try
        {
            for (int start = 0; start < dataset.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(batchSize, dataset.Count - start);
                var indices = Enumerable.Range(start, count).ToArray();
                var images = DmlAugmentation.CenterCrop(dataset.LoadFloat(indices, device), cropSize);
                var embedded = nn.functional.normalize(model.call(images), p: 2, dim: 1, eps: 1e-12);
                chunks.Add(embedded.to(ScalarType.Float32, CPU).MoveToOuterDisposeScope());
            }
            return chunks.Count == 1 ? chunks[0].clone() : cat(chunks, 0);
        }
        finally
        {
            foreach (var c in chunks) c.Dispose();
        }
    }
}
