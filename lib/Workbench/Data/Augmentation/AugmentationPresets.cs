namespace Workbench.Data.Augmentation;

/// <summary>The augmentation pipelines of the papers, on batches.</summary>
public static class AugmentationPresets
{
    /// <summary>
    /// SimCLR's augmentation as SPQ trains with it (papers.md 2.3; kornia, per sample, same pipeline
    /// for both views): RandomResizedCrop to <paramref name="size"/> (scale 0.08-1, ratio 3/4-4/3),
    /// horizontal flip p 0.5, ColorJitter(0.4, 0.4, 0.4, 0.1) p 0.8, RandomGrayscale p 0.2, Gaussian
    /// blur (kernel <see cref="RandomGaussianBlur.KernelFor"/>(size): 3 at 32 px; σ 0.1-2) p 0.5.
    /// No normalisation: the output stays in [0, 1].
    /// </summary>
    public static AugmentationPipeline SimClr(int size) => new(
        new RandomResizedCrop(size, size, 0.08, 1.0),
        new RandomHorizontalFlip(0.5),
        new ColorJitter(0.4, 0.4, 0.4, 0.1, P: 0.8),
        new RandomGrayscale(0.2),
        new RandomGaussianBlur(RandomGaussianBlur.KernelFor(size), 0.1, 2.0, P: 0.5));

    /// <summary>SPQ's training augmentation: <see cref="SimClr"/> (the two are the same pipeline).</summary>
    public static AugmentationPipeline Spq(int size) => SimClr(size);

    /// <summary>
    /// MoCo v2 "aug-plus" as UCDIR trains with it (papers.md 1.6): RandomResizedCrop (scale 0.2-1),
    /// ColorJitter(0.4, 0.4, 0.4, 0.1) p 0.8, RandomGrayscale p 0.2, Gaussian blur σ 0.1-2 p 0.5,
    /// horizontal flip p 0.5, then ImageNet mean/std normalisation (when <paramref name="normalize"/>;
    /// 1-channel images use the luma-weighted ImageNet statistics).
    /// </summary>
    public static AugmentationPipeline MoCoV2(int size, int channels = 3, bool normalize = true)
    {
        var steps = new List<IBatchAugmentation>
        {
            new RandomResizedCrop(size, size, 0.2, 1.0),
            new ColorJitter(0.4, 0.4, 0.4, 0.1, P: 0.8),
            new RandomGrayscale(0.2),
            new RandomGaussianBlur(RandomGaussianBlur.KernelFor(size), 0.1, 2.0, P: 0.5),
            new RandomHorizontalFlip(0.5),
        };
        if (normalize) steps.Add(Normalize.ImageNetFor(channels));
        return new AugmentationPipeline([.. steps]);
    }

    /// <summary>Two views of <see cref="SimClr"/>.</summary>
    public static TwoViewAugmentation SimClrTwoViews(int size) => new(SimClr(size));

    /// <summary>Two views of <see cref="MoCoV2"/>.</summary>
    public static TwoViewAugmentation MoCoV2TwoViews(int size, int channels = 3, bool normalize = true) => new(MoCoV2(size, channels, normalize));

    /// <summary>A preset by name: <c>simclr</c>, <c>spq</c>, <c>mocov2</c> (case-insensitive).</summary>
    public static AugmentationPipeline ByName(string name, int size, int channels = 3) => name.ToLowerInvariant() switch
    {
        "simclr" => SimClr(size),
        "spq" => Spq(size),
        "mocov2" or "moco-v2" or "moco" => MoCoV2(size, channels),
        _ => throw new ArgumentException($"Unknown augmentation preset '{name}'; use simclr, spq or mocov2.", nameof(name)),
    };
}
