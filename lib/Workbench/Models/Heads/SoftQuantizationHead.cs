using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Workbench.Models.Heads;

/// <summary>
/// SPQ's quantization head Q (papers.md 2.1, official <c>Quantization_Head</c>): a linear layer
/// <c>fc</c> (input → D = M·d, with bias in the current official init) gives the deep descriptor
/// x̂ <c>[N, D]</c> (no normalisation, no intra-normalisation); a learnable codebook <c>C</c>
/// <c>[K, D]</c> holds M sub-codebooks as column blocks; soft quantization gives ẑ <c>[N, D]</c>
/// with ẑ_m = Σ_k softmax_k(−‖x̂_m − c_mk‖²/τ_q)·c_mk. <see cref="forward"/> returns (x̂, ẑ).
/// State-dict keys <c>fc.weight</c>, <c>fc.bias</c>, <c>C</c> equal the official code's. For the PQ
/// index: <see cref="SubCodebooks"/> (<c>[M, K, d]</c>) and <see cref="Encode"/> (codes <c>[N, M]</c>).
/// </summary>
public sealed class SoftQuantizationHead : nn.Module<Tensor, (Tensor Descriptor, Tensor Quantized)>
{
    private readonly Linear fc;
    [ComponentName(Name = "C")] private Parameter _codebook;

    /// <summary>Builds and initialises the head (<see cref="SoftQuantizationOptions.Init"/>), drawing from <paramref name="generator"/> (torch's global generator when null), on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options (K not a power of two, τ_q ≤ 0, ...).</exception>
    public SoftQuantizationHead(SoftQuantizationOptions? options = null, Device? device = null, Generator? generator = null)
        : base(nameof(SoftQuantizationHead))
    {
        Options = options ?? new SoftQuantizationOptions();
        Options.Validate();
        bool bias = Options.Init == QuantizationHeadInit.XavierUniformWithBias;
        fc = nn.Linear(Options.InputDimension, Options.DescriptorDimension, hasBias: bias);
        _codebook = nn.Parameter(empty(Options.Codewords, Options.DescriptorDimension));
        RegisterComponents();
        switch (Options.Init)
        {
            case QuantizationHeadInit.XavierUniformWithBias:
                WeightInit.XavierUniform(fc.weight, 1.0, generator);
                WeightInit.DefaultBias(fc.bias!, Options.InputDimension, generator);
                WeightInit.XavierUniform(_codebook, 1.0, generator);
                break;
            default:
                double gain = Options.Init == QuantizationHeadInit.XavierNormalNoBiasGain01 ? 0.1 : 1.0;
                WeightInit.XavierNormal(fc.weight, gain, generator);
                WeightInit.XavierNormal(_codebook, gain, generator);
                break;
        }
        if (device is not null) this.to(device);
    }

    /// <summary>The options the head was built with.</summary>
    public SoftQuantizationOptions Options { get; }

    /// <summary>M.</summary>
    public int Codebooks => Options.Codebooks;

    /// <summary>K.</summary>
    public int Codewords => Options.Codewords;

    /// <summary>d.</summary>
    public int CodewordDimension => Options.CodewordDimension;

    /// <summary>B = M·log₂K.</summary>
    public int Bits => Options.Bits;

    /// <summary>The learnable codebook C <c>[K, M·d]</c> (official layout; sub-codebook m = columns [m·d, (m+1)·d)).</summary>
    public Parameter Codebook => _codebook;

    /// <summary>The descriptor layer (<c>fc</c>, input → M·d).</summary>
    public Linear Projection => fc;

    /// <summary>x̂ = fc(features): <c>[N, input]</c> → <c>[N, M·d]</c>.</summary>
    public Tensor Descriptor(Tensor features)
    {
        if (features.dim() != 2 || features.shape[1] != Options.InputDimension)
        {
            throw new ArgumentException($"Quantization head expects features [N, {Options.InputDimension}]; got [{string.Join(", ", features.shape)}]. Set SoftQuantizationOptions.InputDimension to the backbone's output dimension.", nameof(features));
        }
        return fc.call(features);
    }

    /// <summary>ẑ for a descriptor <c>[N, M·d]</c> in the configured <see cref="QuantizationMode"/>.</summary>
    public Tensor Quantize(Tensor descriptor) => Options.Mode switch
    {
        QuantizationMode.Soft => SoftQuantizer.Soft(descriptor, _codebook, Codebooks, Options.Temperature),
        QuantizationMode.Hard => SoftQuantizer.Hard(descriptor, _codebook, Codebooks),
        _ => SoftQuantizer.HardStraightThrough(descriptor, _codebook, Codebooks, Options.Temperature),
    };

    /// <summary>Soft assignment probabilities p <c>[N, M, K]</c> (for codeword-usage charts).</summary>
    public Tensor AssignmentProbabilities(Tensor descriptor) =>
        SoftQuantizer.SoftAssignment(descriptor, _codebook, Codebooks, Options.Temperature);

    /// <summary>PQ codes b_m = argmin_k ‖x̂_m − c_mk‖² <c>[N, M]</c> int64 (no gradient), the database encoding of papers.md 2.4.</summary>
    public Tensor Encode(Tensor descriptor) => SoftQuantizer.Encode(descriptor, _codebook, Codebooks);

    /// <summary>Sub-codebooks <c>[M, K, d]</c>, a detached contiguous copy (the PQ index's layout).</summary>
    public Tensor SubCodebooks()
    {
        using var _ = no_grad();
        return SoftQuantizer.SubCodebooks(_codebook, Codebooks);
    }

    /// <summary>(x̂, ẑ) for backbone features <c>[N, input]</c>; both <c>[N, M·d]</c>.</summary>
    public override (Tensor Descriptor, Tensor Quantized) forward(Tensor features)
    {
        var descriptor = Descriptor(features);
        return (descriptor, Quantize(descriptor));
    }
}
