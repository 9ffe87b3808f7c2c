using System.Numerics;

namespace Workbench.Models.Heads;

/// <summary>
/// Shape and behaviour of the SPQ quantization head (papers.md 2.1). Defaults are the official
/// code's: input 512, M = 8 codebooks (<c>N_books</c>), K = 16 codewords (<c>N_words</c>),
/// d = 16 (<c>L_word</c>, fixed for every bit length), τ_q = 0.2, soft mode, current init:
/// 32 bits.
/// </summary>
public sealed record SoftQuantizationOptions
{
    /// <summary>Backbone feature size (512 for SPQ's CIFAR ResNet-18).</summary>
    public long InputDimension { get; init; } = 512;

    /// <summary>M, the number of sub-spaces / codebooks.</summary>
    public int Codebooks { get; init; } = 8;

    /// <summary>K, codewords per codebook; a power of two ≥ 2 so that every code uses log₂K whole bits.</summary>
    public int Codewords { get; init; } = 16;

    /// <summary>d, the dimension of a codeword (16 in SPQ).</summary>
    public int CodewordDimension { get; init; } = 16;

    /// <summary>
    /// τ_q, the divisor of the negative squared distance inside the softmax. The official code
    /// multiplies by <c>--soft_quantization_scale 5.0</c> = 1/τ_q; the README says the printed
    /// paper value is a typo and 0.2 is meant.
    /// </summary>
    public double Temperature { get; init; } = 0.2;

    /// <summary>Soft (SPQ), hard (SPQ-H) or hard with a straight-through gradient.</summary>
    public QuantizationMode Mode { get; init; } = QuantizationMode.Soft;

    /// <summary>Initialisation of the linear layer and the codebook.</summary>
    public QuantizationHeadInit Init { get; init; } = QuantizationHeadInit.XavierUniformWithBias;

    /// <summary>D = M·d, the size of the deep descriptor x̂ and of ẑ.</summary>
    public int DescriptorDimension => Codebooks * CodewordDimension;

    /// <summary>log₂K, bits per sub-space code.</summary>
    public int BitsPerCodebook => BitOperations.Log2((uint)Math.Max(Codewords, 1));

    /// <summary>Code length B = M·log₂K (not M·√K, which the official code prints and which agrees only for K = 16).</summary>
    public int Bits => Codebooks * BitsPerCodebook;

    /// <summary>1/τ_q, the official code's <c>soft_quantization_scale</c> (5.0 by default).</summary>
    public double SoftmaxScale => 1.0 / Temperature;

    /// <summary>
    /// M = B / log₂K, the number of sub-spaces (codebooks) of a B-bit product-quantization code with K codewords each
    /// (SPQ: 16/32/64 bits ↔ M = 4/8/16 with K = 16); null when K is not a power of two ≥ 2 or B is not a positive multiple of log₂K.
    /// The one place the workbench computes it (SPQ's head, its configuration and its PQ baselines).
    /// </summary>
    public static int? CodebooksFor(int bits, int codewords)
    {
        if (codewords < 2 || !BitOperations.IsPow2(codewords)) return null;
        int perBook = BitOperations.Log2((uint)codewords);
        return bits > 0 && bits % perBook == 0 ? bits / perBook : null;
    }

    /// <summary>Options for a code length: M = bits / log₂K (SPQ: 16/32/64 bits ↔ M = 4/8/16 with K = 16).</summary>
    /// <exception cref="ArgumentException">K is not a power of two ≥ 2, or bits is not a positive multiple of log₂K.</exception>
    public static SoftQuantizationOptions ForBits(int bits, int codewords = 16, long inputDimension = 512)
    {
        ValidateCodewords(codewords);
        int perBook = BitOperations.Log2((uint)codewords);
        int codebooks = CodebooksFor(bits, codewords) ?? throw new ArgumentException(
            $"{bits} bits cannot be split into codes of log2({codewords}) = {perBook} bits; use a positive multiple of {perBook} (e.g. 16, 32, 64 with K = 16).", nameof(bits));
        var options = new SoftQuantizationOptions { Codebooks = codebooks, Codewords = codewords, InputDimension = inputDimension };
        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid field and what to use instead.</summary>
    public void Validate()
    {
        if (InputDimension < 1) throw new ArgumentException($"InputDimension must be ≥ 1; got {InputDimension}.");
        if (Codebooks < 1) throw new ArgumentException($"Codebooks (M) must be ≥ 1; got {Codebooks}.");
        ValidateCodewords(Codewords);
        if (CodewordDimension < 1) throw new ArgumentException($"CodewordDimension (d) must be ≥ 1; got {CodewordDimension}.");
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw new ArgumentException($"Temperature τ_q must be a positive finite number (SPQ: 0.2); got {Temperature}.");
    }

    private static void ValidateCodewords(int k)
    {
        if (k < 2 || !BitOperations.IsPow2(k))
        {
            throw new ArgumentException($"Codewords (K) must be a power of two ≥ 2 so that each code takes log2(K) whole bits; got {k}. SPQ uses K = 16.");
        }
    }
}
