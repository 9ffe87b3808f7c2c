namespace Workbench.Models.Backbones;

/// <summary>Which first layers a <see cref="ResNet"/> has.</summary>
public enum ResNetStem
{
    /// <summary>torchvision / ImageNet: conv 7x7 stride 2 padding 3 (64 ch) → BN → ReLU → max-pool 3x3 stride 2 padding 1 (÷4 resolution).</summary>
    ImageNet,

    /// <summary>CIFAR (SPQ's <c>ResNet_Baseline</c>): conv 3x3 stride 1 padding 1 (64 ch) → BN → ReLU, no max-pool (full resolution).</summary>
    Cifar,
}

/// <summary>Residual block type of a <see cref="ResNet"/>.</summary>
public enum ResNetBlock
{
    /// <summary><see cref="Backbones.BasicBlock"/> (two 3x3 convs, expansion 1): ResNet-18/34.</summary>
    Basic,

    /// <summary><see cref="Backbones.Bottleneck"/> (1x1, 3x3, 1x1, expansion 4): ResNet-50/101/152.</summary>
    Bottleneck,
}

/// <summary>
/// Shape of a <see cref="ResNet"/>. Defaults give torchvision's <c>resnet18()</c> (1000-class fc).
/// </summary>
public sealed record ResNetConfig
{
    /// <summary>Registry name reported by <see cref="Backbone.Architecture"/>.</summary>
    public string Architecture { get; init; } = "resnet18";

    /// <summary>Residual block type.</summary>
    public ResNetBlock Block { get; init; } = ResNetBlock.Basic;

    /// <summary>Blocks per stage (4 stages, widths 64/128/256/512, strides 1/2/2/2): [2,2,2,2] for ResNet-18, [3,4,6,3] for ResNet-50.</summary>
    public IReadOnlyList<int> Layers { get; init; } = [2, 2, 2, 2];

    /// <summary>First layers.</summary>
    public ResNetStem Stem { get; init; } = ResNetStem.ImageNet;

    /// <summary>Input channels (3 RGB; 1 for grey images).</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>Output size of the <c>fc</c> layer; 0 for no classifier (forward returns the pooled features).</summary>
    public long ClassifierOutputs { get; init; } = 1000;

    /// <summary>ReLU after <c>fc</c> (SPQ's CIFAR backbone: GAP → FC 512 → ReLU).</summary>
    public bool ReluAfterClassifier { get; init; }

    /// <summary>Batch-norm splits (1 = BatchNorm2d; 2 = MoCo's split BN for a key encoder).</summary>
    public int BatchNormSplits { get; init; } = 1;

    /// <summary>torchvision's <c>zero_init_residual</c>: γ = 0 on the last BN of every block.</summary>
    public bool ZeroInitResidual { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Layers.Count != 4 || Layers.Any(n => n < 1))
        {
            throw new ArgumentException($"ResNet needs 4 stages with ≥ 1 block each; got [{string.Join(", ", Layers)}].");
        }
        if (InputChannels < 1) throw new ArgumentException($"InputChannels must be ≥ 1; got {InputChannels}.");
        if (ClassifierOutputs < 0) throw new ArgumentException($"ClassifierOutputs must be ≥ 0 (0 = no classifier); got {ClassifierOutputs}.");
        if (BatchNormSplits < 1) throw new ArgumentException($"BatchNormSplits must be ≥ 1; got {BatchNormSplits}.");
    }
}
