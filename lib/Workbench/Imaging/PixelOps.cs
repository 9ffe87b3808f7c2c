namespace Workbench.Imaging;

/// <summary>Channel conversion, alpha compositing, cropping and pasting on <see cref="PixelImage"/>s.</summary>
public static class PixelOps
{
    /// <summary>
    /// Converts to <paramref name="channels"/> (1 grey or 3 RGB; 2 and 4 keep alpha), compositing any
    /// alpha over the grey level <paramref name="background"/> (255 = white) when the target has no alpha.
    /// Grey is ITU-R 601 luma, <c>(299 R + 587 G + 114 B) / 1000</c> rounded, as PIL's "L" mode.
    /// </summary>
    public static PixelImage Convert(PixelImage image, int channels, byte background = 255)
    {
        if (channels is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1..4.");
        int src = image.Channels;
        if (src == channels) return image;
        int n = image.Width * image.Height;
        var dst = new byte[n * channels];
        ReadOnlySpan<byte> p = image.Pixels;
        bool srcAlpha = src is 2 or 4, dstAlpha = channels is 2 or 4;
        for (int i = 0; i < n; i++)
        {
            int o = i * src;
            int r, g, b, a;
            if (src <= 2) { r = g = b = p[o]; a = src == 2 ? p[o + 1] : 255; }
            else { r = p[o]; g = p[o + 1]; b = p[o + 2]; a = src == 4 ? p[o + 3] : 255; }
            if (srcAlpha && !dstAlpha && a != 255)
            {
                r = Over(r, a, background);
                g = Over(g, a, background);
                b = Over(b, a, background);
            }
            int d = i * channels;
            switch (channels)
            {
                case 1: dst[d] = Luma(r, g, b); break;
                case 2: dst[d] = Luma(r, g, b); dst[d + 1] = (byte)a; break;
                case 3: dst[d] = (byte)r; dst[d + 1] = (byte)g; dst[d + 2] = (byte)b; break;
                default: dst[d] = (byte)r; dst[d + 1] = (byte)g; dst[d + 2] = (byte)b; dst[d + 3] = (byte)a; break;
            }
        }
        return new PixelImage(image.Width, image.Height, channels, dst);
    }

    /// <summary>ITU-R 601 luma of an RGB triple, rounded.</summary>
    public static byte Luma(int r, int g, int b) => (byte)((299 * r + 587 * g + 114 * b + 500) / 1000);

    private static int Over(int c, int a, int background) => (c * a + background * (255 - a) + 127) / 255;

    /// <summary>The sub-image of size <paramref name="width"/> x <paramref name="height"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <exception cref="ArgumentException">The rectangle leaves the image.</exception>
    public static PixelImage Crop(PixelImage image, int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > image.Width || y + height > image.Height)
            throw new ArgumentException($"Crop ({x},{y},{width}x{height}) leaves the {image.Width}x{image.Height} image.");
        int c = image.Channels;
        var dst = new byte[width * height * c];
        for (int row = 0; row < height; row++)
        {
            image.Pixels.AsSpan(((y + row) * image.Width + x) * c, width * c).CopyTo(dst.AsSpan(row * width * c));
        }
        return new PixelImage(width, height, c, dst);
    }

    /// <summary>
    /// The smallest rectangle holding every pixel whose coverage exceeds <paramref name="threshold"/>:
    /// alpha for images with alpha, else the distance from <paramref name="background"/> in any channel.
    /// Null for an empty image.
    /// </summary>
    public static (int X, int Y, int Width, int Height)? InkBox(PixelImage image, byte background = 0, int threshold = 0)
    {
        int w = image.Width, h = image.Height, c = image.Channels;
        bool alpha = c is 2 or 4;
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        var p = image.Pixels;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int o = (y * w + x) * c;
                bool ink;
                if (alpha) ink = p[o + c - 1] > threshold;
                else
                {
                    ink = false;
                    for (int k = 0; k < c && !ink; k++) ink = Math.Abs(p[o + k] - background) > threshold;
                }
                if (!ink) continue;
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                if (y > y1) y1 = y;
            }
        }
        return x1 < 0 ? null : (x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> at (<paramref name="x"/>, <paramref name="y"/>), clipping at the edges. Channel counts must match.</summary>
    public static void Paste(PixelImage source, PixelImage target, int x, int y)
    {
        if (source.Channels != target.Channels)
            throw new ArgumentException($"Channel counts differ: {source.Channels} vs {target.Channels}.", nameof(source));
        int c = source.Channels;
        int sx0 = Math.Max(0, -x), sy0 = Math.Max(0, -y);
        int sx1 = Math.Min(source.Width, target.Width - x), sy1 = Math.Min(source.Height, target.Height - y);
        if (sx1 <= sx0 || sy1 <= sy0) return;
        int len = (sx1 - sx0) * c;
        for (int sy = sy0; sy < sy1; sy++)
        {
            source.Pixels.AsSpan((sy * source.Width + sx0) * c, len)
                .CopyTo(target.Pixels.AsSpan(((sy + y) * target.Width + sx0 + x) * c));
        }
    }
}
