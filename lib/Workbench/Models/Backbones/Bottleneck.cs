using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Workbench.Models.Backbones;

/// <summary>
/// torchvision's ResNet <c>Bottleneck</c> (expansion 4, "ResNet v1.5"): conv1x1 → BN → ReLU →
/// conv3x3(<b>stride</b>) → BN → ReLU → conv1x1 (×4 channels) → BN, plus the identity or
/// <c>downsample</c> (conv1x1(stride) → BN), then ReLU. The stride sits on the 3x3 convolution
/// as in torchvision (not on the first 1x1 as in the original paper). Attribute names
/// <c>conv1..3, bn1..3, downsample.0/1</c> equal torchvision's.
/// Input <c>[N, inPlanes, H, W]</c> → <c>[N, 4·planes, ⌈H/stride⌉, ⌈W/stride⌉]</c>.
/// </summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels = planes · Expansion.</summary>
    public const int Expansion = 4;

    private readonly Conv2d conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;
    private readonly Conv2d conv2;
    private readonly nn.Module<Tensor, Tensor> bn2;
    private readonly Conv2d conv3;
    private readonly nn.Module<Tensor, Tensor> bn3;
    private readonly Sequential? downsample;

    /// <summary>Creates the block (width = planes: groups 1, base width 64 as in ResNet-50).</summary>
    public Bottleneck(long inPlanes, long planes, long stride, Sequential? downsample, Func<long, nn.Module<Tensor, Tensor>> norm) : base(nameof(Bottleneck))
    {
        conv1 = nn.Conv2d(inPlanes, planes, 1, bias: false);
        bn1 = norm(planes);
        conv2 = nn.Conv2d(planes, planes, 3, stride: stride, padding: 1, bias: false);
        bn2 = norm(planes);
        conv3 = nn.Conv2d(planes, planes * Expansion, 1, bias: false);
        bn3 = norm(planes * Expansion);
        this.downsample = downsample;
        RegisterComponents();
    }

    /// <summary>The normalisation layer whose γ zero_init_residual sets to 0.</summary>
    internal nn.Module<Tensor, Tensor> LastNorm => bn3;

    /// <summary>Residual forward pass.</summary>
    public override Tensor forward(Tensor x)
    {
        using var a = conv1.call(x);
        using var b = bn1.call(a);
        b.relu_();
        using var c = conv2.call(b);
        using var d = bn2.call(c);
        d.relu_();
        using var e = conv3.call(d);
        var output = bn3.call(e);
        if (downsample is null)
        {
            output.add_(x);
        }
        else
        {
            using var identity = downsample.call(x);
            output.add_(identity);
        }
        return output.relu_();
    }
}
