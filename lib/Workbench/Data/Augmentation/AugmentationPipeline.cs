using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>Applies its steps in order, all drawing from the same generator (torchvision's <c>Compose</c> on batches).</summary>
public sealed class AugmentationPipeline : IBatchAugmentation
{
    /// <summary>A pipeline of <paramref name="steps"/>.</summary>
    public AugmentationPipeline(params IBatchAugmentation[] steps) => Steps = steps;

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<IBatchAugmentation> Steps { get; }

    /// <inheritdoc/>
    public torch.Tensor Apply(torch.Tensor images, torch.Generator generator)
    {
        AugmentationRandom.CheckImages(images, nameof(AugmentationPipeline));
        if (Steps.Count == 0) return images.clone();
        var x = images;
        foreach (var step in Steps)
        {
            var next = step.Apply(x, generator);
            if (!ReferenceEquals(x, images)) x.Dispose();
            x = next;
        }
        return x;
    }

    /// <summary>Loads uint8 images of <paramref name="dataset"/> at <paramref name="indices"/>, scales them to [0, 1] on <paramref name="device"/> and augments them.</summary>
    public torch.Tensor LoadAndApply(IImageDataset dataset, ReadOnlySpan<int> indices, torch.Generator generator, torch.Device? device = null)
    {
        using var x = dataset.LoadFloat(indices, device);
        return Apply(x, generator);
    }

    /// <summary>The step list, e.g. for run manifests.</summary>
    public override string ToString() => string.Join(" -> ", Steps.Select(s => s.ToString()));
}
