using Workbench.Data;
using Workbench.Data.Augmentation;
using Workbench.Models;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// Evaluation features of a whole domain (papers.md 1.3 step 1 and 1.7): the encoder in eval mode, no augmentation,
/// the normalisation of the training pipeline only (images are already at the encoder's size, so the official
/// "resize 256, centre-crop 224" reduces to the loader's resize), no gradient.
/// </summary>
public static class UcdirFeatures
{
    /// <summary>Features <c>[N, D]</c> float32 on <paramref name="device"/>, row i = image i of <paramref name="images"/>.</summary>
    /// <param name="encoder">Encoder whose output is the (normalised) embedding; its train/eval mode is restored afterwards.</param>
    /// <param name="images">The domain's images.</param>
    /// <param name="normalize">Per-channel normalisation applied to [0, 1] images (null: none).</param>
    /// <param name="device">Where the encoder lives.</param>
    /// <param name="chunk">Images per forward pass.</param>
    public static Tensor Encode(Backbone encoder, IImageDataset images, Normalize? normalize, Device device, int chunk = 256)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(images);
        bool wasTraining = encoder.training;
        encoder.eval();
        try
        {
            using var grad = no_grad();
            using var scope = NewDisposeScope();
            var parts = new List<Tensor>();
            using var cpu = Runtime.Seeding.NewGenerator("ucdir/eval-unused", 0);
            for (int start = 0; start < images.Count; start += chunk)
            {
                var idx = Enumerable.Range(start, Math.Min(chunk, images.Count - start)).ToArray();
                var x = images.LoadFloat(idx);
                if (normalize is not null) x = normalize.Apply(x, cpu);
                parts.Add(encoder.call(x.to(device)).to(ScalarType.Float32));
            }
            return cat(parts, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            encoder.train(wasTraining);
        }
    }
}
