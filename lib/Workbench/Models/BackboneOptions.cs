namespace Workbench.Models;

/// <summary>
/// Options for <see cref="BackboneFactory.Create"/>. Null fields take the architecture's default
/// (see <see cref="BackboneFactory"/>).
/// </summary>
public sealed record BackboneOptions
{
    /// <summary>Input image channels; null = architecture default (smallconv 1, ResNets 3).</summary>
    public int? InputChannels { get; init; }

    /// <summary>
    /// Size of the <c>fc</c> layer; 0 = none (forward returns pooled features); null = default
    /// (smallconv 256 + ReLU, resnet18-cifar 512 + ReLU, resnet18/resnet50 1000 as torchvision).
    /// </summary>
    public long? ClassifierOutputs { get; init; }

    /// <summary>Block widths of smallconv (default 32, 64, 128); ignored by ResNets.</summary>
    public IReadOnlyList<long>? Channels { get; init; }

    /// <summary>Batch-norm splits for ResNets (1 = BatchNorm2d, 2 = MoCo split BN); smallconv supports 1 only.</summary>
    public int BatchNormSplits { get; init; } = 1;

    /// <summary>torchvision's zero_init_residual for ResNets.</summary>
    public bool ZeroInitResidual { get; init; }

    /// <summary>Seed of the init's random stream (via <see cref="Runtime.Seeding.NewGenerator"/>, stream "backbone-init"); null = torch's global generator.</summary>
    public long? Seed { get; init; }
}
