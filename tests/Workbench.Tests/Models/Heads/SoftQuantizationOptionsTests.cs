using Workbench.Models.Heads;

namespace Workbench.Tests.Models.Heads;

public class SoftQuantizationOptionsTests
{
    [Theory]
    [InlineData(16, 4)]
    [InlineData(32, 8)]
    [InlineData(64, 16)]
    public void Spq_bit_lengths_map_to_codebook_counts_with_k16(int bits, int m)
    {
        var o = SoftQuantizationOptions.ForBits(bits);
        Assert.Equal(m, o.Codebooks);
        Assert.Equal(16, o.Codewords);
        Assert.Equal(16, o.CodewordDimension);
        Assert.Equal(bits, o.Bits);
        Assert.Equal(m * 16, o.DescriptorDimension);
    }

    [Fact]
    public void Bits_are_m_log2_k_not_m_sqrt_k()
    {
        // M sqrt(K) agrees with M log2(K) only for K = 16.
        Assert.Equal(32, new SoftQuantizationOptions { Codebooks = 4, Codewords = 256 }.Bits);
        Assert.Equal(8, new SoftQuantizationOptions { Codebooks = 8, Codewords = 2 }.Bits);
        Assert.Equal(40, new SoftQuantizationOptions { Codebooks = 8, Codewords = 32 }.Bits);
        Assert.Equal(4, SoftQuantizationOptions.ForBits(32, codewords: 256).Codebooks);
    }

    [Fact]
    public void Defaults_are_the_official_code_and_scale_is_five()
    {
        var o = new SoftQuantizationOptions();
        Assert.Equal((512L, 8, 16, 16, 0.2), (o.InputDimension, o.Codebooks, o.Codewords, o.CodewordDimension, o.Temperature));
        Assert.Equal(5.0, o.SoftmaxScale, 12);
        Assert.Equal(QuantizationMode.Soft, o.Mode);
        Assert.Equal(QuantizationHeadInit.XavierUniformWithBias, o.Init);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(1)]
    [InlineData(0)]
    public void Codeword_counts_that_are_not_powers_of_two_are_refused(int k)
    {
        var e = Assert.Throws<ArgumentException>(() => new SoftQuantizationOptions { Codewords = k }.Validate());
        Assert.Contains("power of two", e.Message);
    }

    [Fact]
    public void Other_invalid_options_are_refused_with_the_field_named()
    {
        Assert.Contains("Temperature", Assert.Throws<ArgumentException>(() => new SoftQuantizationOptions { Temperature = 0 }.Validate()).Message);
        Assert.Contains("Codebooks", Assert.Throws<ArgumentException>(() => new SoftQuantizationOptions { Codebooks = 0 }.Validate()).Message);
        Assert.Contains("multiple of 4", Assert.Throws<ArgumentException>(() => SoftQuantizationOptions.ForBits(30)).Message);
    }
}
