using StbImageSharp;

namespace Workbench.Imaging;

/// <summary>
/// Decodes PNG (every colour type and bit depth: palette with tRNS, grey, grey+alpha, RGB, RGBA,
/// 1/2/4/8/16 bits; 16-bit samples are reduced to 8 bits), JPEG (baseline and progressive), BMP,
/// TGA and GIF (first frame) through StbImageSharp.
/// </summary>
public static class ImageDecoder
{
    /// <summary>
    /// Decodes <paramref name="encoded"/> into <paramref name="channels"/> (1 grey, 3 RGB; 2 and 4 keep
    /// alpha). Transparent pixels are composited over the grey level <paramref name="background"/>
    /// (default white) when the result has no alpha channel.
    /// </summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="channels">Channels of the result.</param>
    /// <param name="background">Background grey level for alpha compositing.</param>
    /// <param name="source">A name for error messages (usually the path).</param>
    /// <exception cref="InvalidDataException">The bytes are not a decodable image; the message names <paramref name="source"/> and the reason.</exception>
    public static PixelImage Decode(byte[] encoded, int channels = 3, byte background = 255, string source = "image")
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length == 0) throw new InvalidDataException($"{source}: the file is empty.");
        ImageResult result;
        try
        {
            result = ImageResult.FromMemory(encoded, ColorComponents.Default);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{source}: not a decodable image ({e.Message}). Supported: PNG, JPEG, BMP, TGA, GIF.", e);
        }
        if (result is null || result.Data is null || result.Width <= 0 || result.Height <= 0)
            throw new InvalidDataException($"{source}: the decoder returned no pixels (truncated or unsupported file).");
        int decoded = result.Comp switch
        {
            ColorComponents.Grey => 1,
            ColorComponents.GreyAlpha => 2,
            ColorComponents.RedGreenBlue => 3,
            _ => 4,
        };
        var image = new PixelImage(result.Width, result.Height, decoded, result.Data);
        return PixelOps.Convert(image, channels, background);
    }

    /// <summary>Reads and decodes the file at <paramref name="path"/>; see <see cref="Decode"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a decodable image.</exception>
    public static PixelImage DecodeFile(string path, int channels = 3, byte background = 255)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image file not found: {path}", path);
        return Decode(File.ReadAllBytes(path), channels, background, path);
    }
}
