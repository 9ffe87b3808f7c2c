namespace Workbench.Data;

/// <summary>How <see cref="FileImageDataset"/> turns an image file into a <c>[C, H, W]</c> uint8 block.</summary>
/// <param name="Height">Output height in pixels.</param>
/// <param name="Width">Output width in pixels.</param>
/// <param name="Channels">1 (grey, ITU-R 601 luma) or 3 (RGB).</param>
/// <param name="Resize">Resize policy (default <see cref="ResizeMode.ShorterSideCenterCrop"/>).</param>
/// <param name="Background">Grey level that transparent pixels and <see cref="ResizeMode.Fit"/> padding get (255 = white).</param>
public sealed record ImageLoadOptions(int Height, int Width, int Channels = 3, ResizeMode Resize = ResizeMode.ShorterSideCenterCrop, byte Background = 255)
{
    /// <summary>Square images of <paramref name="size"/> pixels.</summary>
    public static ImageLoadOptions Square(int size, int channels = 3, ResizeMode resize = ResizeMode.ShorterSideCenterCrop) => new(size, size, channels, resize);

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> with what is wrong.</summary>
    public void Validate()
    {
        if (Height <= 0 || Width <= 0) throw new ArgumentException($"Image size must be positive, got {Height}x{Width}.");
        if (Channels is not (1 or 3)) throw new ArgumentException($"Channels must be 1 or 3, got {Channels}.");
    }
}
