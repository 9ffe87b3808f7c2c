using TorchSharp;
using TorchSharp.Modules;
using Workbench.Models.Layers;
using static TorchSharp.torch;

namespace Workbench.Models.Backbones;

/// <summary>
/// ResNet with torchvision's module names (<c>conv1, bn1, relu, maxpool, layer1..layer4, avgpool,
/// fc</c>; blocks <c>layerS.B.conv1</c>, <c>layerS.B.downsample.0</c> ...), so torchvision and MoCo
/// state dicts load key for key. Parameter counts equal torchvision's (ResNet-18 11,689,512 and
/// ResNet-50 25,557,032 with the 1000-class fc). Init as torchvision: convs Kaiming-normal
/// (fan_out, ReLU), BN γ = 1 / β = 0, fc PyTorch's default. Input <c>[N, C, H, W]</c> float;
/// <see cref="Backbone.Features"/> → <c>[N, 512·expansion]</c> after global average pooling.
/// </summary>
public sealed class ResNet : Backbone
{
    private readonly Conv2d conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;
    private readonly ReLU relu;
    private readonly MaxPool2d? maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly AdaptiveAvgPool2d avgpool;

    /// <summary>Builds the network on <paramref name="device"/> (CPU when null), drawing the init from <paramref name="generator"/> (torch's global generator when null).</summary>
    public ResNet(ResNetConfig config, Device? device = null, Generator? generator = null)
        : base(config.Architecture, config.Architecture, config.InputChannels, 512L * Expansion(config.Block))
    {
        config.Validate();
        Config = config;
        var norm = NormLayers.BatchNorm(config.BatchNormSplits);
        conv1 = config.Stem == ResNetStem.ImageNet
            ? nn.Conv2d(config.InputChannels, 64, 7, stride: 2, padding: 3, bias: false)
            : nn.Conv2d(config.InputChannels, 64, 3, stride: 1, padding: 1, bias: false);
        bn1 = norm(64);
        relu = nn.ReLU(inplace: true);
        maxpool = config.Stem == ResNetStem.ImageNet ? nn.MaxPool2d(3, stride: 2, padding: 1) : null;
        long inPlanes = 64;
        layer1 = MakeLayer(config.Block, ref inPlanes, 64, config.Layers[0], 1, norm);
        layer2 = MakeLayer(config.Block, ref inPlanes, 128, config.Layers[1], 2, norm);
        layer3 = MakeLayer(config.Block, ref inPlanes, 256, config.Layers[2], 2, norm);
        layer4 = MakeLayer(config.Block, ref inPlanes, 512, config.Layers[3], 2, norm);
        avgpool = nn.AdaptiveAvgPool2d(1);
        Linear? fc = config.ClassifierOutputs > 0 ? nn.Linear(FeatureDimension, config.ClassifierOutputs) : null;
        SetInitialClassifier(fc, config.ClassifierOutputs, config.ReluAfterClassifier);
        RegisterComponents();
        Initialise(fc, generator);
        if (device is not null) this.to(device);
    }

    /// <summary>The configuration this network was built from.</summary>
    public ResNetConfig Config { get; }

    /// <inheritdoc/>
    public override string InputConvolutionKey => "conv1.weight";

    /// <summary>torchvision <c>resnet18()</c>: ImageNet stem, BasicBlock [2,2,2,2], fc 512 → <paramref name="classes"/> (0 = none).</summary>
    public static ResNet ResNet18(long classes = 1000, int inputChannels = 3, Device? device = null, Generator? generator = null) =>
        new(new ResNetConfig { Architecture = "resnet18", ClassifierOutputs = classes, InputChannels = inputChannels }, device, generator);

    /// <summary>torchvision <c>resnet50()</c>: ImageNet stem, Bottleneck [3,4,6,3], fc 2048 → <paramref name="classes"/> (0 = none).</summary>
    public static ResNet ResNet50(long classes = 1000, int inputChannels = 3, Device? device = null, Generator? generator = null) =>
        new(new ResNetConfig { Architecture = "resnet50", Block = ResNetBlock.Bottleneck, Layers = [3, 4, 6, 3], ClassifierOutputs = classes, InputChannels = inputChannels }, device, generator);

    /// <summary>SPQ's CIFAR ResNet-18 (papers.md 2.1): 3x3 stride-1 stem, no max-pool, BasicBlock [2,2,2,2], GAP → fc 512 → ReLU (output 512).</summary>
    public static ResNet ResNet18Cifar(long outputs = 512, int inputChannels = 3, Device? device = null, Generator? generator = null) =>
        new(new ResNetConfig { Architecture = "resnet18-cifar", Stem = ResNetStem.Cifar, ClassifierOutputs = outputs, ReluAfterClassifier = outputs > 0, InputChannels = inputChannels }, device, generator);

    /// <summary>Stem, four stages, global average pooling: <c>[N, C, H, W]</c> → <c>[N, FeatureDimension]</c>.</summary>
    public override Tensor Features(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != InputChannels)
        {
            throw new ArgumentException($"{Architecture} expects images [N, {InputChannels}, H, W]; got [{string.Join(", ", input.shape)}]. Grey images need a backbone built with InputChannels = 1.", nameof(input));
        }
        using var scope = NewDisposeScope();
        var x = relu.call(bn1.call(conv1.call(input)));
        if (maxpool is not null) x = maxpool.call(x);
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return avgpool.call(x).flatten(1).MoveToOuterDisposeScope();
    }

    private static long Expansion(ResNetBlock block) => block == ResNetBlock.Basic ? BasicBlock.Expansion : Bottleneck.Expansion;

    private static Sequential MakeLayer(ResNetBlock block, ref long inPlanes, long planes, int blocks, long stride, Func<long, nn.Module<Tensor, Tensor>> norm)
    {
        long outPlanes = planes * Expansion(block);
        Sequential? downsample = null;
        if (stride != 1 || inPlanes != outPlanes)
        {
            downsample = nn.Sequential(nn.Conv2d(inPlanes, outPlanes, 1, stride: stride, bias: false), norm(outPlanes));
        }
        var modules = new List<nn.Module<Tensor, Tensor>>(blocks);
        for (int i = 0; i < blocks; i++)
        {
            long s = i == 0 ? stride : 1;
            var d = i == 0 ? downsample : null;
            modules.Add(block == ResNetBlock.Basic ? new BasicBlock(inPlanes, planes, s, d, norm) : new Bottleneck(inPlanes, planes, s, d, norm));
            inPlanes = outPlanes;
        }
        return nn.Sequential(modules);
    }

    private void Initialise(Linear? fc, Generator? generator)
    {
        foreach (var (_, module) in named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    WeightInit.KaimingNormalFanOut(conv.weight, generator);
                    break;
                case BatchNorm2d or SplitBatchNorm2d:
                    NormLayers.ResetAffine((nn.Module<Tensor, Tensor>)module);
                    break;
            }
        }
        if (fc is not null) WeightInit.PyTorchDefault(fc.weight, fc.bias, generator);
        if (!Config.ZeroInitResidual) return;
        foreach (var (_, module) in named_modules())
        {
            if (module is BasicBlock basic) NormLayers.ResetAffine(basic.LastNorm, 0.0);
            else if (module is Bottleneck bottleneck) NormLayers.ResetAffine(bottleneck.LastNorm, 0.0);
        }
    }
}
