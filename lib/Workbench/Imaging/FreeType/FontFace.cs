using System.Runtime.InteropServices;

namespace Workbench.Imaging.FreeType;

/// <summary>An open font face (<c>FT_Face</c>) of a <see cref="FreeTypeLibrary"/>; renders glyphs to <see cref="GlyphBitmap"/>s.</summary>
public sealed unsafe class FontFace : IDisposable
{
    private nint _face;

    internal FontFace(nint face, string path)
    {
        _face = face;
        Path = path;
        FamilyName = ReadString(face + FreeTypeNative.FaceFamilyNameOffset);
        StyleName = ReadString(face + FreeTypeNative.FaceStyleNameOffset);
        FixedSizeCount = *(int*)(face + FreeTypeNative.FaceNumFixedSizesOffset);
    }

    /// <summary>The font file.</summary>
    public string Path { get; }

    /// <summary>The family name stored in the font (e.g. "DejaVu Sans"), or "" if none.</summary>
    public string FamilyName { get; }

    /// <summary>The style name stored in the font (e.g. "Bold Oblique"), or "" if none.</summary>
    public string StyleName { get; }

    /// <summary>Number of bitmap strikes (1 for colour bitmap fonts such as Noto Color Emoji, 0 for outline fonts).</summary>
    public int FixedSizeCount { get; }

    /// <summary>The glyph index of <paramref name="codePoint"/> in the font's Unicode charmap; 0 when the font has no glyph for it.</summary>
    public uint GlyphIndex(int codePoint)
    {
        ObjectDisposedException.ThrowIf(_face == 0, this);
        return FreeTypeNative.Functions.GetCharIndex(_face, new CULong((uint)codePoint));
    }

    /// <summary>True when the font maps <paramref name="codePoint"/> to a glyph.</summary>
    public bool HasGlyph(int codePoint) => GlyphIndex(codePoint) != 0;

    /// <summary>Sets the nominal size (the em square) in pixels for outline fonts.</summary>
    public void SetPixelSize(int pixels)
    {
        ObjectDisposedException.ThrowIf(_face == 0, this);
        FreeTypeNative.Check(FreeTypeNative.Functions.SetPixelSizes(_face, 0, (uint)pixels), $"FT_Set_Pixel_Sizes({pixels}) for {Path}");
    }

    /// <summary>Selects bitmap strike <paramref name="index"/> (colour bitmap fonts).</summary>
    public void SelectFixedSize(int index)
    {
        ObjectDisposedException.ThrowIf(_face == 0, this);
        FreeTypeNative.Check(FreeTypeNative.Functions.SelectSize(_face, index), $"FT_Select_Size({index}) for {Path}");
    }

    /// <summary>
    /// Renders <paramref name="codePoint"/> at the current size: a grey coverage bitmap for outline
    /// fonts, straight-alpha RGBA for colour fonts (<paramref name="color"/> = true). Null when the
    /// font has no glyph for the code point; an empty glyph (a space) has width or height 0.
    /// </summary>
    public GlyphBitmap? Render(int codePoint, bool color = false)
    {
        uint index = GlyphIndex(codePoint);
        if (index == 0) return null;
        int flags = FreeTypeNative.LoadRender | (color ? FreeTypeNative.LoadColor : 0);
        FreeTypeNative.Check(FreeTypeNative.Functions.LoadGlyph(_face, index, flags), $"FT_Load_Glyph(U+{codePoint:X4}) for {Path}");
        nint slot = *(nint*)(_face + FreeTypeNative.FaceGlyphOffset);
        byte* bmp = (byte*)(slot + FreeTypeNative.SlotBitmapOffset);
        int rows = (int)*(uint*)bmp, width = (int)*(uint*)(bmp + 4), pitch = *(int*)(bmp + 8);
        byte* buffer = *(byte**)(bmp + 16);
        int mode = bmp[26];
        int left = *(int*)(slot + FreeTypeNative.SlotBitmapLeftOffset), top = *(int*)(slot + FreeTypeNative.SlotBitmapTopOffset);
        if (rows == 0 || width == 0 || buffer == null) return new GlyphBitmap(null, left, top);
        return new GlyphBitmap(Copy(buffer, rows, width, pitch, mode, codePoint), left, top);
    }

    private PixelImage Copy(byte* buffer, int rows, int width, int pitch, int mode, int codePoint)
    {
        switch (mode)
        {
            case FreeTypeNative.PixelModeGray:
            {
                var p = new byte[rows * width];
                for (int y = 0; y < rows; y++) new ReadOnlySpan<byte>(buffer + (long)y * pitch, width).CopyTo(p.AsSpan(y * width));
                return new PixelImage(width, rows, 1, p);
            }
            case FreeTypeNative.PixelModeMono:
            {
                var p = new byte[rows * width];
                for (int y = 0; y < rows; y++)
                    for (int x = 0; x < width; x++)
                        p[y * width + x] = (buffer[(long)y * pitch + (x >> 3)] & (0x80 >> (x & 7))) != 0 ? (byte)255 : (byte)0;
                return new PixelImage(width, rows, 1, p);
            }
            case FreeTypeNative.PixelModeBgra:
            {
                // FreeType's BGRA is premultiplied; return straight RGBA.
                var p = new byte[rows * width * 4];
                for (int y = 0; y < rows; y++)
                {
                    byte* row = buffer + (long)y * pitch;
                    for (int x = 0; x < width; x++)
                    {
                        int a = row[4 * x + 3], o = (y * width + x) * 4;
                        if (a == 0) continue;
                        p[o] = (byte)Math.Min(255, (row[4 * x + 2] * 255 + a / 2) / a);
                        p[o + 1] = (byte)Math.Min(255, (row[4 * x + 1] * 255 + a / 2) / a);
                        p[o + 2] = (byte)Math.Min(255, (row[4 * x] * 255 + a / 2) / a);
                        p[o + 3] = (byte)a;
                    }
                }
                return new PixelImage(width, rows, 4, p);
            }
            default:
                throw new NotSupportedException($"FreeType pixel mode {mode} for U+{codePoint:X4} in {Path} is not supported (grey, mono and BGRA are).");
        }
    }

    private static string ReadString(nint field) => Marshal.PtrToStringUTF8(*(nint*)field) ?? "";

    /// <summary>Closes the face.</summary>
    public void Dispose()
    {
        if (_face == 0) return;
        FreeTypeNative.Functions.DoneFace(_face);
        _face = 0;
    }
}
