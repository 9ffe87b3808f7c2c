using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Workbench.Models.Backbones;

/// <summary>
/// torchvision's ResNet <c>BasicBlock</c> (expansion 1): conv3x3(stride) → BN → ReLU → conv3x3 →
/// BN, plus the identity or <c>downsample</c> (conv1x1(stride) → BN), then ReLU. Attribute names
/// <c>conv1, bn1, conv2, bn2, downsample.0, downsample.1</c> equal torchvision's.
/// Input <c>[N, inPlanes, H, W]</c> → <c>[N, planes, ⌈H/stride⌉, ⌈W/stride⌉]</c>.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels = planes · Expansion.</summary>
    public const int Expansion = 1;

    private readonly Conv2d conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;
    private readonly Conv2d conv2;
    private readonly nn.Module<Tensor, Tensor> bn2;
    private readonly Sequential? downsample;

    /// <summary>Creates the block; <paramref name="downsample"/> is built by <see cref="ResNet"/> when stride ≠ 1 or channels change.</summary>
    public BasicBlock(long inPlanes, long planes, long stride, Sequential? downsample, Func<long, nn.Module<Tensor, Tensor>> norm) : base(nameof(BasicBlock))
    {
        conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
        bn1 = norm(planes);
        conv2 = nn.Conv2d(planes, planes, 3, stride: 1, padding: 1, bias: false);
        bn2 = norm(planes);
        this.downsample = downsample;
        RegisterComponents();
    }

    /// <summary>The normalisation layer whose γ zero_init_residual sets to 0.</summary>
    internal nn.Module<Tensor, Tensor> LastNorm => bn2;

    /// <summary>Residual forward pass.</summary>
    public override Tensor forward(Tensor x)
    {
        using var a = conv1.call(x);
        using var b = bn1.call(a);
        b.relu_();
        using var c = conv2.call(b);
        var output = bn2.call(c);
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
