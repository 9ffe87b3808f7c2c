using Workbench.Models.Backbones;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Models;

/// <summary>
/// Creates backbones by registry name:
/// <list type="table">
/// <item><term><c>smallconv</c></term><description><see cref="SmallConvNet"/>, grey 28x28 by default; features 128, fc 256 + ReLU.</description></item>
/// <item><term><c>resnet18-cifar</c></term><description>SPQ's CIFAR ResNet-18; features 512, fc 512 + ReLU.</description></item>
/// <item><term><c>resnet18</c></term><description>torchvision ResNet-18, ImageNet stem; features 512, fc 1000.</description></item>
/// <item><term><c>resnet50</c></term><description>torchvision ResNet-50, ImageNet stem; features 2048, fc 1000.</description></item>
/// </list>
/// </summary>
public static class BackboneFactory
{
    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["smallconv", "resnet18-cifar", "resnet18", "resnet50"];

    /// <summary>Pooled-feature dimension of an architecture (before fc), without building it.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static long FeatureDimension(string name, BackboneOptions? options = null) => Normalise(name) switch
    {
        "smallconv" => (options?.Channels ?? SmallConvNet.DefaultChannels)[^1],
        "resnet50" => 2048,
        _ => 512,
    };

    /// <summary>Builds the backbone <paramref name="name"/> on <paramref name="device"/> (CPU when null).</summary>
    /// <exception cref="ArgumentException">Unknown name or an option the architecture does not support.</exception>
    public static Backbone Create(string name, BackboneOptions? options = null, Device? device = null)
    {
        options ??= new BackboneOptions();
        string key = Normalise(name);
        using var generator = options.Seed is long seed ? Seeding.NewGenerator("backbone-init", seed) : null;
        if (key == "smallconv")
        {
            if (options.BatchNormSplits != 1) throw new ArgumentException("smallconv supports BatchNormSplits = 1 only.", nameof(options));
            return new SmallConvNet(options.InputChannels ?? 1, options.Channels, options.ClassifierOutputs ?? 256, device, generator);
        }
        var config = key switch
        {
            "resnet18-cifar" => new ResNetConfig { Architecture = key, Stem = ResNetStem.Cifar, ClassifierOutputs = options.ClassifierOutputs ?? 512, ReluAfterClassifier = true },
            "resnet18" => new ResNetConfig { Architecture = key, ClassifierOutputs = options.ClassifierOutputs ?? 1000 },
            _ => new ResNetConfig { Architecture = key, Block = ResNetBlock.Bottleneck, Layers = [3, 4, 6, 3], ClassifierOutputs = options.ClassifierOutputs ?? 1000 },
        };
        config = config with
        {
            InputChannels = options.InputChannels ?? 3,
            BatchNormSplits = options.BatchNormSplits,
            ZeroInitResidual = options.ZeroInitResidual,
        };
        return new ResNet(config, device, generator);
    }

    private static string Normalise(string name)
    {
        string key = (name ?? string.Empty).Trim().ToLowerInvariant();
        if (!Names.Contains(key))
        {
            throw new ArgumentException($"Unknown backbone '{name}'. Known backbones: {string.Join(", ", Names)}.", nameof(name));
        }
        return key;
    }
}
