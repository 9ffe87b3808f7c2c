using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses;

/// <summary>
/// A loss on the two views of SPQ's head outputs: descriptors x̂^a, x̂^b and quantized
/// descriptors ẑ^a, ẑ^b, each <c>[N, D]</c>. Arguments follow the official <c>CQCLoss.forward(Xa, Xb, Za, Zb)</c>
/// order. Implementations: <see cref="CrossQuantizedContrastiveLoss"/> (SPQ) and
/// <see cref="PlainQuantizedContrastiveLoss"/> (the SPQ-C ablation).
/// </summary>
public abstract class QuantizedContrastiveLoss : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor>
{
    /// <summary>Creates the loss.</summary>
    protected QuantizedContrastiveLoss(string name, double temperature) : base(name)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be > 0.");
        Temperature = temperature;
    }

    /// <summary>τ of the NT-Xent terms (0.5 in SPQ).</summary>
    public double Temperature { get; }

    /// <summary>Short label for tables (e.g. "CQC", "SPQ-C").</summary>
    public abstract string Label { get; }

    /// <summary>Checks that the four inputs share one 2-D shape.</summary>
    protected static void CheckViews(Tensor xa, Tensor xb, Tensor za, Tensor zb)
    {
        if (xa.dim() != 2 || !xa.shape.SequenceEqual(xb.shape) || !xa.shape.SequenceEqual(za.shape) || !xa.shape.SequenceEqual(zb.shape))
        {
            throw new ArgumentException(
                $"x̂^a, x̂^b, ẑ^a, ẑ^b must all be [N, D]; got [{string.Join(", ", xa.shape)}], [{string.Join(", ", xb.shape)}], [{string.Join(", ", za.shape)}], [{string.Join(", ", zb.shape)}].");
        }
    }
}
