using Workbench.Imaging;

namespace Workbench.Tests.Imaging;

public class ImageDecoderTests
{
    [Fact]
    public void Palette_4bit_with_transparency_is_composited_on_white()
    {
        // 2x1: index 0 = opaque red, index 1 = fully transparent green.
        var png = PngFixture.Encode(2, 1, 3, 4, [0, 1], palette: [255, 0, 0, 0, 255, 0], transparency: [255, 0]);
        var img = ImageDecoder.Decode(png, channels: 3);
        Assert.Equal(new byte[] { 255, 0, 0, 255, 255, 255 }, img.Pixels);
        var rgba = ImageDecoder.Decode(png, channels: 4);
        Assert.Equal(new byte[] { 255, 0, 0, 255, 0, 255, 0, 0 }, rgba.Pixels);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Low_bit_palette_and_grey_decode(int depth)
    {
        int max = (1 << depth) - 1;
        var grey = PngFixture.Encode(3, 1, 0, depth, [0, max, max / 2]);
        var img = ImageDecoder.Decode(grey, channels: 1);
        Assert.Equal(0, img.Pixels[0]);
        Assert.Equal(255, img.Pixels[1]);
        Assert.Equal((max / 2) * 255 / max, img.Pixels[2]);
        var pal = PngFixture.Encode(3, 1, 3, depth, [0, 1, 0], palette: [10, 20, 30, 40, 50, 60]);
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50, 60, 10, 20, 30 }, ImageDecoder.Decode(pal).Pixels);
    }

    [Fact]
    public void Sixteen_bit_rgb_and_grey_alpha_keep_the_high_byte()
    {
        var rgb16 = PngFixture.Encode(1, 2, 2, 16, [0xFFFF, 0x8000, 0x0100, 0x1234, 0xABCD, 0x00FF]);
        Assert.Equal(new byte[] { 0xFF, 0x80, 0x01, 0x12, 0xAB, 0x00 }, ImageDecoder.Decode(rgb16).Pixels);
        var ga16 = PngFixture.Encode(2, 1, 4, 16, [0xFFFF, 0xFFFF, 0x0000, 0x0000]); // white opaque, black transparent
        Assert.Equal(new byte[] { 255, 255, 0, 0 }, ImageDecoder.Decode(ga16, channels: 2).Pixels);
        Assert.Equal(new byte[] { 255, 255 }, ImageDecoder.Decode(ga16, channels: 1).Pixels); // transparent black over white
        Assert.Equal(new byte[] { 255, 0 }, ImageDecoder.Decode(ga16, channels: 1, background: 0).Pixels);
    }

    [Fact]
    public void Grey_alpha_8bit_half_transparent_blends_with_the_background()
    {
        var ga = PngFixture.Encode(1, 1, 4, 8, [0, 128]);
        var img = ImageDecoder.Decode(ga, channels: 3);
        Assert.All(img.Pixels, p => Assert.Equal((255 * 127 + 127) / 255, p));
    }

    [Fact]
    public void Rgba_to_grey_uses_itu601_luma()
    {
        var png = PngFixture.Encode(3, 1, 6, 8, [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]);
        Assert.Equal(new byte[] { 76, 150, 29 }, ImageDecoder.Decode(png, channels: 1).Pixels);
    }

    [Fact]
    public void Jpeg_decodes_close_to_the_source()
    {
        var src = new byte[16 * 16 * 3];
        for (int i = 0; i < 16 * 16; i++) (src[3 * i], src[3 * i + 1], src[3 * i + 2]) = (200, 40, 90);
        using var ms = new MemoryStream();
        new StbImageWriteSharp.ImageWriter().WriteJpg(src, 16, 16, StbImageWriteSharp.ColorComponents.RedGreenBlue, ms, 95);
        var img = ImageDecoder.Decode(ms.ToArray());
        Assert.Equal((16, 16, 3), (img.Width, img.Height, img.Channels));
        for (int i = 0; i < src.Length; i++) Assert.InRange(Math.Abs(img.Pixels[i] - src[i]), 0, 6);
    }

    [Fact]
    public void Truncated_and_empty_files_fail_with_the_source_name()
    {
        var png = PngFixture.Encode(8, 8, 2, 8, Enumerable.Range(0, 192).ToArray());
        var cut = png.AsSpan(0, 40).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(cut, source: "cut.png"));
        Assert.Contains("cut.png", e.Message);
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode([], source: "x.png")).Message);
        Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode("not an image at all"u8.ToArray()));
        Assert.Throws<FileNotFoundException>(() => ImageDecoder.DecodeFile("/nonexistent/file.png"));
    }
}
