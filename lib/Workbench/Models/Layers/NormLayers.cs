using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Models.Layers;

/// <summary>
/// Factories for the normalisation layer used inside backbones (torchvision's <c>norm_layer</c>
/// argument): plain <c>BatchNorm2d</c>, or <see cref="SplitBatchNorm2d"/> for MoCo/UCDIR key encoders.
/// </summary>
public static class NormLayers
{
    /// <summary>A factory: channels → a 2-D normalisation module whose state-dict names equal BatchNorm2d's.</summary>
    public static Func<long, nn.Module<Tensor, Tensor>> BatchNorm(int splits = 1)
    {
        if (splits < 1) throw new ArgumentOutOfRangeException(nameof(splits), splits, "Batch-norm splits must be ≥ 1 (1 = plain BatchNorm2d).");
        return splits == 1
            ? channels => nn.BatchNorm2d(channels)
            : channels => new SplitBatchNorm2d(channels, splits);
    }

    /// <summary>Sets a normalisation layer's affine parameters to γ = <paramref name="weight"/>, β = 0 (torchvision's init uses γ = 1; zero_init_residual uses 0).</summary>
    internal static void ResetAffine(nn.Module<Tensor, Tensor> norm, double weight = 1.0)
    {
        foreach (var (name, p) in norm.named_parameters(recurse: false))
        {
            WeightInit.Constant(p, name == "weight" ? weight : 0.0);
        }
    }
}
