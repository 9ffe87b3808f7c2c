using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>Mirrors each sample left-right with probability <paramref name="P"/>.</summary>
/// <param name="P">Flip probability (default 0.5).</param>
public sealed record RandomHorizontalFlip(double P = 0.5) : IBatchAugmentation
{
    /// <inheritdoc/>
    public torch.Tensor Apply(torch.Tensor images, torch.Generator generator)
    {
        AugmentationRandom.CheckImages(images, nameof(RandomHorizontalFlip));
        var flip = AugmentationRandom.Bernoulli(generator, (int)images.shape[0], P);
        if (!flip.Any(f => f)) return images.clone();
        using var scope = torch.NewDisposeScope();
        var mask = torch.tensor(flip, device: images.device).view(-1, 1, 1, 1);
        return torch.where(mask, images.flip(3), images).MoveToOuterDisposeScope();
    }
}
