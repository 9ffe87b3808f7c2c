using TorchSharp;
using Workbench.Data.Augmentation;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// Training and test transforms of a <c>dml</c> run. The paper (papers.md 3.4) resizes to 256,
/// takes a random 227 crop with a random horizontal flip for training and the centre crop for
/// testing: that is <c>crop-flip</c> with <see cref="DmlConfig.ImageSize"/> = 256 and a crop of 227.
/// Glyphs must not be flipped (b/d, p/q), so the reduced presets use <c>none</c> or <c>crop</c>.
/// </summary>
public static class DmlAugmentation
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["none", "crop", "crop-flip"];

    /// <summary>
    /// The training transform, or null for none. With <paramref name="cropSize"/> the crop is a random
    /// <c>cropSize x cropSize</c> window of the <c>imageSize</c> image (area (crop/size)², no resize);
    /// without, a random resized crop of 80–100 % of the area back to the full size.
    /// </summary>
    public static IBatchAugmentation? Training(string name, int imageSize, int? cropSize)
    {
        if (name == "none") return null;
        IBatchAugmentation crop = cropSize is int c && c < imageSize
            ? new RandomResizedCrop(c, c, (double)c * c / imageSize / imageSize, (double)c * c / imageSize / imageSize, 1.0, 1.0)
            : new RandomResizedCrop(imageSize, imageSize, 0.8, 1.0, 0.9, 1.0 / 0.9);
        return name == "crop-flip" ? new AugmentationPipeline(crop, new RandomHorizontalFlip(0.5)) : crop;
    }

    /// <summary>The centre <paramref name="cropSize"/> window of <c>[B, C, H, W]</c> images (the test transform), or the images themselves without a crop.</summary>
    public static torch.Tensor CenterCrop(torch.Tensor images, int? cropSize)
    {
        if (cropSize is not int c) return images;
        int h = (int)images.shape[2], w = (int)images.shape[3];
        if (c > h || c > w) throw new ArgumentException($"Crop {c} is larger than the {h}x{w} images.");
        return images.narrow(2, (h - c) / 2, c).narrow(3, (w - c) / 2, c);
    }
}
