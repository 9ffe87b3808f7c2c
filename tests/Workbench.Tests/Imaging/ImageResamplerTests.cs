using Workbench.Imaging;

namespace Workbench.Tests.Imaging;

public class ImageResamplerTests
{
    /// <summary>PIL's separable triangle resampling written as a direct 2-D sum, for comparison.</summary>
    private static double[] BruteForce(byte[] src, int w, int h, int ow, int oh)
    {
        double[] Weights(int inSize, int outSize, int i, out int lo)
        {
            double scale = (double)inSize / outSize, fs = Math.Max(scale, 1), center = (i + 0.5) * scale;
            lo = Math.Max((int)(center - fs + 0.5), 0);
            int hi = Math.Min((int)(center + fs + 0.5), inSize);
            var wts = new double[hi - lo];
            for (int t = 0; t < wts.Length; t++) wts[t] = Math.Max(0, 1 - Math.Abs((lo + t - center + 0.5) / fs));
            double sum = wts.Sum();
            return wts.Select(x => x / sum).ToArray();
        }
        var result = new double[ow * oh];
        for (int y = 0; y < oh; y++)
        {
            var wy = Weights(h, oh, y, out int y0);
            for (int x = 0; x < ow; x++)
            {
                var wx = Weights(w, ow, x, out int x0);
                double acc = 0;
                for (int j = 0; j < wy.Length; j++)
                    for (int i = 0; i < wx.Length; i++) acc += wy[j] * wx[i] * src[(y0 + j) * w + x0 + i];
                result[y * ow + x] = acc;
            }
        }
        return result;
    }

    [Theory]
    [InlineData(17, 13, 5, 4)]
    [InlineData(8, 8, 8, 8)]
    [InlineData(6, 5, 13, 11)]
    [InlineData(64, 64, 28, 28)]
    public void Matches_the_direct_triangle_filter_sum(int w, int h, int ow, int oh)
    {
        var rng = new Random(w * 100 + ow);
        var src = new byte[w * h];
        rng.NextBytes(src);
        var output = ImageResampler.Resize(new PixelImage(w, h, 1, src), ow, oh);
        var expected = BruteForce(src, w, h, ow, oh);
        for (int i = 0; i < expected.Length; i++) Assert.InRange(Math.Abs(output.Pixels[i] - expected[i]), 0, 0.5 + 1e-3);
    }

    [Fact]
    public void Downscaling_is_antialiased_and_keeps_constants()
    {
        var checker = new byte[32 * 32];
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++) checker[y * 32 + x] = (byte)((x + y) % 2 == 0 ? 255 : 0);
        var small = ImageResampler.Resize(new PixelImage(32, 32, 1, checker), 8, 8);
        Assert.All(small.Pixels, p => Assert.InRange((int)p, 120, 135)); // nearest neighbour would give 0 or 255
        var constant = ImageResampler.Resize(PixelImage.Filled(30, 20, 3, 77), 7, 11);
        Assert.All(constant.Pixels, p => Assert.Equal(77, p));
    }

    [Fact]
    public void Shorter_side_crop_and_fit_give_the_requested_size()
    {
        var wide = PixelImage.Filled(40, 20, 3, 10);
        var cropped = ImageResampler.ResizeShorterSideAndCenterCrop(wide, 16, 16);
        Assert.Equal((16, 16), (cropped.Width, cropped.Height));
        var fitted = ImageResampler.FitCentered(wide, 16, 16, 16, 16, 255);
        Assert.Equal(255, fitted[0, 0, 0]);   // padding above the 16x8 image
        Assert.Equal(10, fitted[8, 8, 0]);    // the image in the middle
        var cover = ImageResampler.CoverAndCenterCrop(wide, 12, 24);
        Assert.Equal((12, 24), (cover.Width, cover.Height));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageResampler.Resize(wide, 0, 5));
    }
}
