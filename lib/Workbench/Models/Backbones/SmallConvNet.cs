using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Workbench.Models.Backbones;

/// <summary>
/// A small CPU-friendly convolutional backbone for 28x28 grey (Fashion-MNIST) or small RGB
/// images: per entry c of <see cref="Channels"/> one block conv3x3 (padding 1, no bias) → BN →
/// ReLU, with a 2x2 max-pool after every block but the last; then global average pooling and
/// <c>fc</c> (last channels → <see cref="Backbone.OutputDimension"/>) followed by ReLU, the same
/// "features → FC → ReLU" shape as SPQ's CIFAR ResNet. Defaults: channels 32/64/128, output 256,
/// 125,920 parameters for grey input; 28x28 → 14 → 7 → pooled. State-dict names:
/// <c>features.{i}.conv.weight</c>, <c>features.{i}.bn.*</c>, <c>fc.weight</c>, <c>fc.bias</c>.
/// </summary>
public sealed class SmallConvNet : Backbone
{
    private readonly Sequential features;
    private readonly AdaptiveAvgPool2d avgpool;

    /// <summary>Builds the network on <paramref name="device"/> (CPU when null), drawing the init from <paramref name="generator"/>.</summary>
    /// <param name="inputChannels">1 for grey, 3 for RGB.</param>
    /// <param name="channels">Output channels of each block (≥ 1 block); default 32, 64, 128.</param>
    /// <param name="outputs">Size of the fc layer (0 = no fc: forward returns the pooled features).</param>
    /// <param name="device">Target device.</param>
    /// <param name="generator">Random source for the init (Kaiming-normal fan_out convs, PyTorch-default fc).</param>
    public SmallConvNet(int inputChannels = 1, IReadOnlyList<long>? channels = null, long outputs = 256, Device? device = null, Generator? generator = null)
        : base("smallconv", "smallconv", inputChannels, Last(channels ?? DefaultChannels))
    {
        channels ??= DefaultChannels;
        if (inputChannels < 1) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels, "Need at least one input channel.");
        if (outputs < 0) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "outputs must be ≥ 0 (0 = no fc).");
        Channels = channels.ToArray();
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        long previous = inputChannels;
        for (int i = 0; i < Channels.Count; i++)
        {
            var block = new List<(string, nn.Module<Tensor, Tensor>)>
            {
                ("conv", nn.Conv2d(previous, Channels[i], 3, padding: 1, bias: false)),
                ("bn", nn.BatchNorm2d(Channels[i])),
                ("relu", nn.ReLU(inplace: true)),
            };
            if (i < Channels.Count - 1) block.Add(("pool", nn.MaxPool2d(2)));
            blocks.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), nn.Sequential(block)));
            previous = Channels[i];
        }
        features = nn.Sequential(blocks);
        avgpool = nn.AdaptiveAvgPool2d(1);
        Linear? fc = outputs > 0 ? nn.Linear(FeatureDimension, outputs) : null;
        SetInitialClassifier(fc, outputs, reluAfter: true);
        RegisterComponents();
        foreach (var (_, module) in named_modules())
        {
            if (module is Conv2d conv) WeightInit.KaimingNormalFanOut(conv.weight, generator);
        }
        if (fc is not null) WeightInit.PyTorchDefault(fc.weight, fc.bias, generator);
        if (device is not null) this.to(device);
    }

    /// <summary>Default block widths: 32, 64, 128.</summary>
    public static IReadOnlyList<long> DefaultChannels { get; } = [32, 64, 128];

    /// <summary>Output channels per block.</summary>
    public IReadOnlyList<long> Channels { get; }

    /// <inheritdoc/>
    public override string InputConvolutionKey => "features.0.conv.weight";

    /// <summary>Blocks then global average pooling: <c>[N, C, H, W]</c> → <c>[N, last channels]</c>.</summary>
    public override Tensor Features(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != InputChannels)
        {
            throw new ArgumentException($"smallconv expects images [N, {InputChannels}, H, W]; got [{string.Join(", ", input.shape)}].", nameof(input));
        }
        using var x = features.call(input);
        using var pooled = avgpool.call(x);
        return pooled.flatten(1);
    }

    private static long Last(IReadOnlyList<long> channels)
    {
        if (channels.Count == 0 || channels.Any(c => c < 1))
        {
            throw new ArgumentException($"smallconv needs at least one block with ≥ 1 channel; got [{string.Join(", ", channels)}].", nameof(channels));
        }
        return channels[^1];
    }
}
