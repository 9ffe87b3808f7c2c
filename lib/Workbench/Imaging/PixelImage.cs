namespace Workbench.Imaging;

/// <summary>
/// An 8-bit image in memory: <see cref="Height"/> rows of <see cref="Width"/> pixels, each with
/// <see cref="Channels"/> interleaved bytes (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA), row-major (HWC).
/// </summary>
public sealed class PixelImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied).</summary>
    /// <exception cref="ArgumentException">The buffer length is not <c>width·height·channels</c>, or a size is not positive.</exception>
    public PixelImage(int width, int height, int channels, byte[] pixels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"Image size must be positive, got {width}x{height}.");
        if (channels is < 1 or > 4) throw new ArgumentException($"Channels must be 1..4, got {channels}.", nameof(channels));
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height * channels)
            throw new ArgumentException($"Pixel buffer has {pixels.Length} bytes, expected {width}x{height}x{channels} = {(long)width * height * channels}.", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>A new image filled with <paramref name="value"/> in every channel.</summary>
    public static PixelImage Filled(int width, int height, int channels, byte value)
    {
        var p = new byte[width * height * channels];
        if (value != 0) Array.Fill(p, value);
        return new PixelImage(width, height, channels, p);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Interleaved channels per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>The pixel bytes, HWC order, length <c>Width·Height·Channels</c>.</summary>
    public byte[] Pixels { get; }

    /// <summary>One byte: channel <paramref name="c"/> of the pixel at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public byte this[int x, int y, int c] => Pixels[(y * Width + x) * Channels + c];

    /// <summary>Copies the pixels planar (CHW) into <paramref name="destination"/> of length <c>Channels·Height·Width</c>.</summary>
    public void CopyToChw(Span<byte> destination)
    {
        int plane = Width * Height;
        if (destination.Length != plane * Channels)
            throw new ArgumentException($"Destination has {destination.Length} bytes, expected {plane * Channels}.", nameof(destination));
        if (Channels == 1)
        {
            Pixels.AsSpan().CopyTo(destination);
            return;
        }
        ReadOnlySpan<byte> src = Pixels;
        for (int c = 0; c < Channels; c++)
        {
            var dst = destination.Slice(c * plane, plane);
            for (int i = 0, j = c; i < plane; i++, j += Channels) dst[i] = src[j];
        }
    }

    /// <summary>An image from planar (CHW) bytes.</summary>
    public static PixelImage FromChw(ReadOnlySpan<byte> chw, int channels, int height, int width)
    {
        int plane = width * height;
        if (chw.Length != plane * channels) throw new ArgumentException($"CHW buffer has {chw.Length} bytes, expected {channels}x{height}x{width}.", nameof(chw));
        var p = new byte[chw.Length];
        for (int c = 0; c < channels; c++)
        {
            var src = chw.Slice(c * plane, plane);
            for (int i = 0, j = c; i < plane; i++, j += channels) p[j] = src[i];
        }
        return new PixelImage(width, height, channels, p);
    }
}
