using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>Per-channel standardisation <c>(x - mean[c]) / std[c]</c> (deterministic; the generator is not used).</summary>
/// <param name="Mean">Channel means (1 or 3 values, matching the images).</param>
/// <param name="Std">Channel standard deviations.</param>
public sealed record Normalize(double[] Mean, double[] Std) : IBatchAugmentation
{
    /// <summary>ImageNet statistics (torchvision): mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).</summary>
    public static Normalize ImageNet => new([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);

    /// <summary>ImageNet statistics for <paramref name="channels"/> channels; 1 channel gets their luma-weighted means.</summary>
    public static Normalize ImageNetFor(int channels) => channels == 3 ? ImageNet
        : new([0.299 * 0.485 + 0.587 * 0.456 + 0.114 * 0.406], [0.299 * 0.229 + 0.587 * 0.224 + 0.114 * 0.225]);

    /// <inheritdoc/>
    public torch.Tensor Apply(torch.Tensor images, torch.Generator generator)
    {
        AugmentationRandom.CheckImages(images, nameof(Normalize));
        int c = (int)images.shape[1];
        if (Mean.Length != c || Std.Length != c)
            throw new ArgumentException($"Normalize has {Mean.Length} means and {Std.Length} stds for {c}-channel images.");
        if (Std.Any(s => s <= 0)) throw new ArgumentException("Normalize std values must be positive.");
        using var scope = torch.NewDisposeScope();
        var m = AugmentationRandom.On(Mean, images).view(1, c, 1, 1);
        var s = AugmentationRandom.On(Std, images).view(1, c, 1, 1);
        return ((images - m) / s).MoveToOuterDisposeScope();
    }
}
