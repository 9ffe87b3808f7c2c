using Workbench.Data.Augmentation;
using Workbench.Runtime;

namespace Workbench.Tests.Data;

public class AugmentationTests
{
    private static Tensor Batch(int b = 8, int c = 3, int h = 16, int w = 16, long seed = 1)
    {
        var g = Seeding.NewGenerator("test-batch", seed);
        return rand([b, c, h, w], generator: g);
    }

    private static bool Same(Tensor a, Tensor b, double tol = 0) => a.shape.SequenceEqual(b.shape) && (a - b).abs().max().item<float>() <= tol;

    [Fact]
    public void Presets_keep_shapes_and_unit_range_and_are_seeded()
    {
        using var x = Batch(16, 3, 32, 32);
        var two = AugmentationPresets.SimClrTwoViews(24);
        var (a1, b1) = two.Apply(x, Seeding.NewGenerator("aug", 5));
        var (a2, b2) = two.Apply(x, Seeding.NewGenerator("aug", 5));
        var (a3, _) = two.Apply(x, Seeding.NewGenerator("aug", 6));
        Assert.Equal(new long[] { 16, 3, 24, 24 }, a1.shape);
        Assert.True(a1.min().item<float>() >= 0 && a1.max().item<float>() <= 1);
        Assert.True(Same(a1, a2) && Same(b1, b2), "same seed, same views");
        Assert.False(Same(a1, b1), "the two views differ");
        Assert.False(Same(a1, a3), "another seed gives other views");
        using var grey = Batch(16, 1, 28, 28);
        var moco = AugmentationPresets.MoCoV2(28, channels: 1).Apply(grey, Seeding.NewGenerator("aug", 1));
        Assert.Equal(new long[] { 16, 1, 28, 28 }, moco.shape);
        Assert.True(moco.min().item<float>() < 0, "MoCo v2 normalises (values below 0 appear)");
        Assert.Equal(3, RandomGaussianBlur.KernelFor(32));
        Assert.Equal(23, RandomGaussianBlur.KernelFor(224));
    }

    [Fact]
    public void Every_step_is_the_identity_at_zero_strength()
    {
        using var x = Batch(6, 3, 12, 10);
        var g = Seeding.NewGenerator("aug", 1);
        var identity = new AugmentationPipeline(
            new RandomResizedCrop(12, 10, 1, 1, 10.0 / 12, 10.0 / 12),
            new RandomHorizontalFlip(0),
            new ColorJitter(0, 0, 0, 0, P: 1),
            new ColorJitter(0.4, 0.4, 0.4, 0.1, P: 0),
            new RandomGrayscale(0),
            new RandomGaussianBlur(3, 0.1, 2, P: 0),
            new Normalize([0, 0, 0], [1, 1, 1]));
        Assert.True(Same(identity.Apply(x, g), x));
        using var grey = Batch(4, 1, 8, 8);
        Assert.True(Same(new RandomGrayscale(1).Apply(grey, g), grey), "grayscale leaves 1-channel images alone");
        Assert.True(Same(new ColorJitter(0, 0, 0.9, 0.5).Apply(grey, g), grey), "saturation and hue leave 1-channel images alone");
    }

    [Fact]
    public void Resized_crop_samples_boxes_by_torchvision_rules_and_crops_exactly()
    {
        var crop = new RandomResizedCrop(32, 32, 0.2, 0.6, 0.5, 2.0);
        var boxes = crop.SampleBoxes(Seeding.NewGenerator("boxes", 1), 500, 40, 30);
        foreach (var (x, y, w, h) in boxes)
        {
            Assert.True(x >= 0 && y >= 0 && x + w <= 30 && y + h <= 40);
            double area = w * h / 1200.0, ratio = (double)w / h;
            Assert.InRange(area, 0.2 - 0.03, 0.6 + 0.03);   // rounding of w and h
            Assert.InRange(ratio, 0.5 * 0.9, 2.0 * 1.1);
        }
        // A 16x16 box resampled to 16x16 is an exact copy of the pixels under it.
        using var img = Batch(5, 3, 32, 32);
        var exact = new RandomResizedCrop(16, 16, 0.25, 0.25, 1, 1);
        var expected = exact.SampleBoxes(Seeding.NewGenerator("crop", 2), 5, 32, 32);
        using var output = exact.Apply(img, Seeding.NewGenerator("crop", 2));
        for (int i = 0; i < 5; i++)
        {
            var (x, y, w, h) = expected[i];
            Assert.Equal((16, 16), (w, h));
            using var want = img[i, TensorIndex.Colon, TensorIndex.Slice(y, y + 16), TensorIndex.Slice(x, x + 16)];
            Assert.True(Same(output[i], want, 1e-5), $"sample {i}: box ({x},{y})");
        }
    }

    [Fact]
    public void Flip_grayscale_and_normalize_match_their_definitions()
    {
        using var x = Batch(4, 3, 6, 5);
        var g = Seeding.NewGenerator("aug", 1);
        Assert.True(Same(new RandomHorizontalFlip(1).Apply(x, g), x.flip(3)));
        var grey = new RandomGrayscale(1).Apply(x, g);
        var luma = x[TensorIndex.Colon, 0] * 0.299 + x[TensorIndex.Colon, 1] * 0.587 + x[TensorIndex.Colon, 2] * 0.114;
        for (int c = 0; c < 3; c++) Assert.True(Same(grey[TensorIndex.Colon, c], luma, 1e-6));
        var n = new Normalize([0.5, 0.25, 0], [2, 4, 0.5]).Apply(x, g);
        Assert.True(Same(n[TensorIndex.Colon, 1], (x[TensorIndex.Colon, 1] - 0.25) / 4, 1e-6));
        Assert.Throws<ArgumentException>(() => new Normalize([0], [1]).Apply(x, g));
        Assert.Throws<ArgumentException>(() => new RandomHorizontalFlip().Apply(x.mul(255).to_type(ScalarType.Byte), g));
    }

    [Fact]
    public void Brightness_scales_each_image_by_one_factor_within_its_range()
    {
        using var x = Batch(32, 3, 8, 8) * 0.5 + 0.1; // no clamping at 1.5x
        var y = new ColorJitter(0.4, 0, 0, 0).Apply(x, Seeding.NewGenerator("aug", 3));
        var ratio = y / x;
        for (int i = 0; i < 32; i++)
        {
            float lo = ratio[i].min().item<float>(), hi = ratio[i].max().item<float>();
            Assert.InRange(hi - lo, 0, 1e-5);
            Assert.InRange(lo, 0.6 - 1e-5, 1.4 + 1e-5);
        }
    }

    [Fact]
    public void Hue_shift_matches_a_per_pixel_hsv_reference_on_both_paths()
    {
        using var x = Batch(3, 3, 5, 4, seed: 9);
        double[] turns = [0.1, -0.37, 0.5];
        using var fast = HueShift.Apply(x, turns);
        using var slow = HueShift.Apply(x.to_type(ScalarType.Float64), turns);
        var xs = x.data<float>().ToArray();
        var fs = fast.data<float>().ToArray();
        var ss = slow.data<double>().ToArray();
        int plane = 20;
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < plane; k++)
            {
                int o = i * 3 * plane + k;
                var (r, g, b) = Reference(xs[o], xs[o + plane], xs[o + 2 * plane], turns[i]);
                Assert.InRange(Math.Abs(fs[o] - r) + Math.Abs(fs[o + plane] - g) + Math.Abs(fs[o + 2 * plane] - b), 0, 1e-4);
                Assert.InRange(Math.Abs(ss[o] - r) + Math.Abs(ss[o + plane] - g) + Math.Abs(ss[o + 2 * plane] - b), 0, 1e-6);
            }
        using var back = ColorOps.HsvToRgb(ColorOps.RgbToHsv(x));
        Assert.True(Same(back, x, 1e-5), "HSV round trip");
    }

    /// <summary>Python colorsys' rgb_to_hsv / hsv_to_rgb with the hue rotated.</summary>
    private static (double R, double G, double B) Reference(double r, double g, double b, double turns)
    {
        double max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b)), v = max;
        if (max == min) return (r, g, b);
        double s = (max - min) / max, rc = (max - r) / (max - min), gc = (max - g) / (max - min), bc = (max - b) / (max - min);
        double h = r == max ? bc - gc : g == max ? 2 + rc - bc : 4 + gc - rc;
        h = ((h / 6 + turns) % 1 + 1) % 1;
        int i = (int)(h * 6) % 6;
        double f = h * 6 - Math.Floor(h * 6), p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
        return i switch { 0 => (v, t, p), 1 => (q, v, p), 2 => (p, v, t), 3 => (p, q, v), 4 => (t, p, v), _ => (v, p, q) };
    }

    [Fact]
    public void Blur_matches_a_direct_gaussian_with_reflect_padding()
    {
        using var x = Batch(2, 1, 7, 6, seed: 4);
        var blur = new RandomGaussianBlur(5, 1.3, 1.3, P: 1);
        using var y = blur.Apply(x, Seeding.NewGenerator("aug", 1));
        var k = Enumerable.Range(-2, 5).Select(t => Math.Exp(-t * t / (2 * 1.3 * 1.3))).ToArray();
        double sum = k.Sum();
        k = k.Select(v => v / sum).ToArray();
        int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
        var xs = x.data<float>().ToArray();
        var ys = y.data<float>().ToArray();
        for (int b = 0; b < 2; b++)
            for (int r = 0; r < 7; r++)
                for (int c = 0; c < 6; c++)
                {
                    double acc = 0;
                    for (int dy = -2; dy <= 2; dy++)
                        for (int dx = -2; dx <= 2; dx++)
                            acc += k[dy + 2] * k[dx + 2] * xs[b * 42 + Reflect(r + dy, 7) * 6 + Reflect(c + dx, 6)];
                    Assert.InRange(Math.Abs(ys[b * 42 + r * 6 + c] - acc), 0, 1e-5);
                }
        using var flat = full([3, 3, 8, 8], 0.3f);
        Assert.True(Same(new RandomGaussianBlur(3, 0.1, 2, 1).Apply(flat, Seeding.NewGenerator("aug", 2)), flat, 1e-6));
        Assert.Throws<ArgumentException>(() => new RandomGaussianBlur(4).Apply(flat, Seeding.NewGenerator("aug", 2)));
    }
}
