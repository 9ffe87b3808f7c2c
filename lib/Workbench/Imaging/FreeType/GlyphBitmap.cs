namespace Workbench.Imaging.FreeType;

/// <summary>
/// A rendered glyph: its pixels (grey coverage with ink = 255, or straight-alpha RGBA for colour
/// fonts; null for an empty glyph such as a space) and its bearing from the pen position
/// (<see cref="Left"/> to the right, <see cref="Top"/> up from the baseline).
/// </summary>
/// <param name="Image">Coverage (1 channel) or RGBA (4 channels) pixels; null when the glyph has no ink.</param>
/// <param name="Left">Horizontal distance from the pen position to the bitmap's left edge, in pixels.</param>
/// <param name="Top">Vertical distance from the baseline up to the bitmap's top row, in pixels.</param>
public sealed record GlyphBitmap(PixelImage? Image, int Left, int Top)
{
    /// <summary>True when the glyph has no pixels.</summary>
    public bool IsEmpty => Image is null;
}
