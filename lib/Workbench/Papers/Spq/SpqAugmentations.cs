using Workbench.Data.Augmentation;

namespace Workbench.Papers.Spq;

/// <summary>Builds the <see cref="SpqAugmentation"/> pipelines from the shared batched steps.</summary>
public static class SpqAugmentations
{
    /// <summary>The two-view augmentation <paramref name="kind"/> for <paramref name="size"/>-pixel images (both views share the pipeline, as in the official code).</summary>
    public static TwoViewAugmentation Create(SpqAugmentation kind, int size) => new(Pipeline(kind, size));

    /// <summary>One view's pipeline (see <see cref="SpqAugmentation"/> for the steps and their order).</summary>
    public static AugmentationPipeline Pipeline(SpqAugmentation kind, int size) => kind switch
    {
        SpqAugmentation.Kornia => AugmentationPresets.Spq(size),
        SpqAugmentation.SimClrCifar => new AugmentationPipeline(
            new RandomResizedCrop(size, size, 0.08, 1.0),
            new RandomHorizontalFlip(0.5),
            new ColorJitter(0.4, 0.4, 0.4, 0.1, P: 0.8),
            new RandomGrayscale(0.2)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown SPQ augmentation."),
    };
}
