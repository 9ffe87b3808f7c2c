using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Models;

/// <summary>
/// PyTorch's weight initialisers, re-implemented so that each takes an optional
/// <see cref="Generator"/> (TorchSharp 0.107's <c>nn.init</c> functions ignore their generator
/// argument, and its <c>xavier_normal_</c> draws from the uniform distribution). Fans follow
/// <c>torch.nn.init._calculate_fan_in_and_fan_out</c>: for a weight <c>[out, in, k...]</c>,
/// fan_in = in·∏k and fan_out = out·∏k. All functions work in place without recording gradients
/// and return the tensor. A null generator draws from torch's global generator
/// (seed it with <see cref="Runtime.Seeding.SeedEverything"/>).
/// </summary>
public static class WeightInit
{
    /// <summary>(fan_in, fan_out) of a weight of rank ≥ 2, as torch computes them.</summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static (long FanIn, long FanOut) Fans(Tensor weight)
    {
        if (weight.dim() < 2)
        {
            throw new ArgumentException($"Fan in/out needs a weight with at least 2 dimensions; got shape [{string.Join(", ", weight.shape)}].", nameof(weight));
        }
        long receptive = 1;
        for (int i = 2; i < weight.dim(); i++) receptive *= weight.shape[i];
        return (weight.shape[1] * receptive, weight.shape[0] * receptive);
    }

    /// <summary>U(low, high) in place.</summary>
    public static Tensor Uniform(Tensor tensor, double low, double high, Generator? generator = null)
    {
        using var _ = no_grad();
        return tensor.uniform_(low, high, generator);
    }

    /// <summary>N(mean, std²) in place.</summary>
    public static Tensor Normal(Tensor tensor, double mean, double std, Generator? generator = null)
    {
        using var _ = no_grad();
        return tensor.normal_(mean, std, generator);
    }

    /// <summary>Xavier/Glorot uniform: U(−a, a), a = gain·√(6 / (fan_in + fan_out)).</summary>
    public static Tensor XavierUniform(Tensor weight, double gain = 1.0, Generator? generator = null)
    {
        var (fanIn, fanOut) = Fans(weight);
        double bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(weight, -bound, bound, generator);
    }

    /// <summary>Xavier/Glorot normal: N(0, σ²), σ = gain·√(2 / (fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Tensor weight, double gain = 1.0, Generator? generator = null)
    {
        var (fanIn, fanOut) = Fans(weight);
        return Normal(weight, 0.0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
    }

    /// <summary>
    /// Kaiming/He normal for ReLU (gain √2), <c>mode='fan_out'</c> as torchvision's ResNet uses:
    /// N(0, σ²), σ = √2 / √fan_out.
    /// </summary>
    public static Tensor KaimingNormalFanOut(Tensor weight, Generator? generator = null)
    {
        var (_, fanOut) = Fans(weight);
        return Normal(weight, 0.0, Math.Sqrt(2.0) / Math.Sqrt(fanOut), generator);
    }

    /// <summary>
    /// PyTorch's default for <c>nn.Linear</c> and <c>nn.Conv2d</c>: weight from
    /// kaiming_uniform(a = √5), i.e. U(−1/√fan_in, 1/√fan_in); bias from U(−1/√fan_in, 1/√fan_in).
    /// </summary>
    public static void PyTorchDefault(Tensor weight, Tensor? bias, Generator? generator = null)
    {
        var (fanIn, _) = Fans(weight);
        double bound = 1.0 / Math.Sqrt(fanIn);
        Uniform(weight, -bound, bound, generator);
        if (bias is not null) Uniform(bias, -bound, bound, generator);
    }

    /// <summary>Bias of a layer with the given fan-in, PyTorch's default: U(−1/√fan_in, 1/√fan_in).</summary>
    public static Tensor DefaultBias(Tensor bias, long fanIn, Generator? generator = null)
    {
        double bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0.0;
        return Uniform(bias, -bound, bound, generator);
    }

    /// <summary>Fills with a constant in place.</summary>
    public static Tensor Constant(Tensor tensor, double value)
    {
        using var _ = no_grad();
        return tensor.fill_(value);
    }
}
