namespace Workbench.Imaging;

/// <summary>
/// Antialiased resizing of <see cref="PixelImage"/>s: a separable triangle (bilinear) filter whose
/// support widens with the downscale factor, the algorithm of PIL's <c>Image.resize(BILINEAR)</c> and
/// of torchvision's <c>antialias=True</c>. Downscaling averages every source pixel under the
/// footprint (no aliasing); upscaling is plain bilinear interpolation with pixel-centre alignment.
/// </summary>
/// <remarks>Channels are filtered independently; composite alpha images onto a background first
/// (<see cref="PixelOps.Convert"/>), or transparent pixels' colours bleed into the edges.</remarks>
public static class ImageResampler
{
    /// <summary>Resizes to exactly <paramref name="width"/> x <paramref name="height"/> (aspect not kept).</summary>
    public static PixelImage Resize(PixelImage image, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Target size must be positive, got {width}x{height}.");
        if (width == image.Width && height == image.Height) return image;
        int c = image.Channels;
        var (xStart, xCount, xWeights, xTaps) = Weights(image.Width, width);
        var (yStart, yCount, yWeights, yTaps) = Weights(image.Height, height);
        // Horizontal pass: H x W' x C floats.
        var tmp = new float[image.Height * width * c];
        var src = image.Pixels;
        for (int y = 0; y < image.Height; y++)
        {
            int rowIn = y * image.Width * c, rowOut = y * width * c;
            for (int x = 0; x < width; x++)
            {
                int s = xStart[x], n = xCount[x], wo = x * xTaps;
                for (int k = 0; k < c; k++)
                {
                    float acc = 0;
                    for (int t = 0; t < n; t++) acc += xWeights[wo + t] * src[rowIn + (s + t) * c + k];
                    tmp[rowOut + x * c + k] = acc;
                }
            }
        }
        // Vertical pass.
        var dst = new byte[height * width * c];
        int stride = width * c;
        for (int y = 0; y < height; y++)
        {
            int s = yStart[y], n = yCount[y], wo = y * yTaps, rowOut = y * stride;
            for (int i = 0; i < stride; i++)
            {
                float acc = 0;
                for (int t = 0; t < n; t++) acc += yWeights[wo + t] * tmp[(s + t) * stride + i];
                dst[rowOut + i] = (byte)Math.Clamp((int)MathF.Round(acc), 0, 255);
            }
        }
        return new PixelImage(width, height, c, dst);
    }

    /// <summary>Scales so the shorter side is <paramref name="shorter"/> (aspect kept), then crops the centre <paramref name="crop"/> x <paramref name="crop"/> (torchvision's Resize + CenterCrop eval transform).</summary>
    public static PixelImage ResizeShorterSideAndCenterCrop(PixelImage image, int shorter, int crop)
    {
        if (crop > shorter) throw new ArgumentException($"Crop {crop} exceeds the resized shorter side {shorter}.", nameof(crop));
        var covered = Cover(image, shorter, shorter);
        return PixelOps.Crop(covered, (covered.Width - crop) / 2, (covered.Height - crop) / 2, crop, crop);
    }

    /// <summary>Scales (aspect kept) so the image covers <paramref name="width"/> x <paramref name="height"/>, then crops the centre to exactly that size.</summary>
    public static PixelImage CoverAndCenterCrop(PixelImage image, int width, int height)
    {
        var covered = Cover(image, width, height);
        return PixelOps.Crop(covered, (covered.Width - width) / 2, (covered.Height - height) / 2, width, height);
    }

    private static PixelImage Cover(PixelImage image, int width, int height)
    {
        double s = Math.Max((double)width / image.Width, (double)height / image.Height);
        int w = Math.Max(width, (int)Math.Round(image.Width * s)), h = Math.Max(height, (int)Math.Round(image.Height * s));
        return Resize(image, w, h);
    }

    /// <summary>
    /// Scales (aspect kept) so the image fits in <paramref name="innerWidth"/> x <paramref name="innerHeight"/> and
    /// centres it on a <paramref name="width"/> x <paramref name="height"/> canvas filled with <paramref name="background"/>.
    /// </summary>
    public static PixelImage FitCentered(PixelImage image, int width, int height, int innerWidth, int innerHeight, byte background)
    {
        if (innerWidth > width || innerHeight > height || innerWidth <= 0 || innerHeight <= 0)
            throw new ArgumentOutOfRangeException(nameof(innerWidth), $"Inner box {innerWidth}x{innerHeight} must fit in {width}x{height}.");
        double s = Math.Min((double)innerWidth / image.Width, (double)innerHeight / image.Height);
        int w = Math.Clamp((int)Math.Round(image.Width * s), 1, innerWidth), h = Math.Clamp((int)Math.Round(image.Height * s), 1, innerHeight);
        var resized = Resize(image, w, h);
        var canvas = PixelImage.Filled(width, height, image.Channels, background);
        PixelOps.Paste(resized, canvas, (width - w) / 2, (height - h) / 2);
        return canvas;
    }

    /// <summary>Per output index: first source index, tap count, normalised weights (row of <c>taps</c>).</summary>
    private static (int[] Start, int[] Count, float[] Weights, int Taps) Weights(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = filterScale; // triangle support 1, widened when downscaling
        int taps = (int)Math.Ceiling(support) * 2 + 1;
        var start = new int[outSize];
        var count = new int[outSize];
        var weights = new float[outSize * taps];
        for (int i = 0; i < outSize; i++)
        {
            double center = (i + 0.5) * scale;
            int lo = Math.Max((int)(center - support + 0.5), 0);
            int hi = Math.Min((int)(center + support + 0.5), inSize);
            int n = Math.Min(hi - lo, taps);
            double total = 0;
            for (int t = 0; t < n; t++)
            {
                double w = Math.Max(0, 1 - Math.Abs((lo + t - center + 0.5) / filterScale));
                weights[i * taps + t] = (float)w;
                total += w;
            }
            if (total <= 0)
            {
                // Degenerate footprint (cannot happen for positive sizes); fall back to nearest.
                weights[i * taps] = 1;
                n = 1;
                lo = Math.Clamp((int)center, 0, inSize - 1);
                total = 1;
            }
            for (int t = 0; t < n; t++) weights[i * taps + t] = (float)(weights[i * taps + t] / total);
            start[i] = lo;
            count[i] = n;
        }
        return (start, count, weights, taps);
    }
}
