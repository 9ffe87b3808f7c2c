using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>Replaces each sample by its luma (in every channel) with probability <paramref name="P"/>; no effect on 1-channel images.</summary>
/// <param name="P">Probability (SimCLR/MoCo v2: 0.2).</param>
public sealed record RandomGrayscale(double P = 0.2) : IBatchAugmentation
{
    /// <inheritdoc/>
    public torch.Tensor Apply(torch.Tensor images, torch.Generator generator)
    {
        AugmentationRandom.CheckImages(images, nameof(RandomGrayscale));
        var pick = AugmentationRandom.Bernoulli(generator, (int)images.shape[0], P);
        if (images.shape[1] == 1 || !pick.Any(x => x)) return images.clone();
        using var scope = torch.NewDisposeScope();
        var mask = torch.tensor(pick, device: images.device).view(-1, 1, 1, 1);
        var gray = ColorOps.Grayscale(images).expand_as(images);
        return torch.where(mask, gray, images).MoveToOuterDisposeScope();
    }
}
