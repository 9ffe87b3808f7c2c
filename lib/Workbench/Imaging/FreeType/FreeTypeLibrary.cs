using System.Text;

namespace Workbench.Imaging.FreeType;

/// <summary>
/// One FreeType library instance (<c>FT_Library</c>). Not thread-safe: use one per thread, and
/// dispose its faces before it.
/// </summary>
public sealed unsafe class FreeTypeLibrary : IDisposable
{
    private nint _handle;

    /// <summary>Initialises FreeType.</summary>
    /// <exception cref="DllNotFoundException">The system FreeType library is missing; the message names the apt package.</exception>
    public FreeTypeLibrary()
    {
        nint h;
        FreeTypeNative.Check(FreeTypeNative.Functions.InitFreeType(&h), "FT_Init_FreeType");
        _handle = h;
    }

    /// <summary>Opens face <paramref name="faceIndex"/> of the font file at <paramref name="path"/> (TrueType, OpenType/CFF, Type 1, bitmap fonts).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">FreeType cannot open it as a font.</exception>
    public FontFace OpenFace(string path, int faceIndex = 0)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        if (!File.Exists(path)) throw new FileNotFoundException($"Font file not found: {path}", path);
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        nint face;
        int err;
        fixed (byte* p = bytes) err = FreeTypeNative.Functions.NewFace(_handle, p, new System.Runtime.InteropServices.CLong(faceIndex), &face);
        if (err != 0) throw new InvalidDataException($"FreeType cannot open {path} as a font (error 0x{err:X2}).");
        return new FontFace(face, path);
    }

    /// <summary>Releases the library.</summary>
    public void Dispose()
    {
        if (_handle == 0) return;
        FreeTypeNative.Functions.DoneFreeType(_handle);
        _handle = 0;
    }
}
