using System.Runtime.InteropServices;

namespace Workbench.Imaging.FreeType;

/// <summary>
/// The few FreeType 2 entry points the workbench needs, bound at run time from the system library
/// (<c>libfreetype.so.6</c> from Debian's <c>libfreetype6</c>), so no NuGet package is involved.
/// </summary>
/// <remarks>
/// Struct fields are read at their offsets in the public, ABI-stable <c>FT_FaceRec</c> /
/// <c>FT_GlyphSlotRec</c> layouts for 64-bit Linux and macOS (LP64), checked against FreeType 2.12:
/// <c>face-&gt;glyph</c> at 152, <c>glyph-&gt;bitmap</c> at 152 (rows u32, width u32, pitch i32,
/// buffer at +16, pixel_mode u8 at +26), <c>bitmap_left</c>/<c>bitmap_top</c> at 192/196.
/// </remarks>
internal static unsafe class FreeTypeNative
{
    public const int LoadRender = 1 << 2;
    public const int LoadColor = 1 << 20;
    public const int PixelModeGray = 2;
    public const int PixelModeBgra = 7;
    public const int PixelModeMono = 1;

    public const int FaceFamilyNameOffset = 40;
    public const int FaceStyleNameOffset = 48;
    public const int FaceNumFixedSizesOffset = 56;
    public const int FaceGlyphOffset = 152;
    public const int SlotBitmapOffset = 152;
    public const int SlotBitmapLeftOffset = 192;
    public const int SlotBitmapTopOffset = 196;

    private static readonly string[] Candidates =
        ["libfreetype.so.6", "libfreetype.so", "libfreetype.6.dylib", "libfreetype.dylib", "freetype.dll", "freetype6.dll"];

    private static readonly Lazy<Api> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Api Functions => Loaded.Value;

    internal sealed class Api
    {
        public delegate* unmanaged<nint*, int> InitFreeType;
        public delegate* unmanaged<nint, int> DoneFreeType;
        public delegate* unmanaged<nint, byte*, CLong, nint*, int> NewFace;
        public delegate* unmanaged<nint, int> DoneFace;
        public delegate* unmanaged<nint, uint, uint, int> SetPixelSizes;
        public delegate* unmanaged<nint, int, int> SelectSize;
        public delegate* unmanaged<nint, CULong, uint> GetCharIndex;
        public delegate* unmanaged<nint, uint, int, int> LoadGlyph;
    }

    private static Api Load()
    {
        nint handle = 0;
        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, out handle)) break;
        }
        if (handle == 0)
            throw new DllNotFoundException("The FreeType library (libfreetype.so.6) was not found. Install it with: sudo apt-get install -y libfreetype6");
        nint Get(string symbol) => NativeLibrary.TryGetExport(handle, symbol, out var p) ? p
            : throw new EntryPointNotFoundException($"FreeType has no export {symbol}; FreeType 2.10 or newer is required.");
        return new Api
        {
            InitFreeType = (delegate* unmanaged<nint*, int>)Get("FT_Init_FreeType"),
            DoneFreeType = (delegate* unmanaged<nint, int>)Get("FT_Done_FreeType"),
            NewFace = (delegate* unmanaged<nint, byte*, CLong, nint*, int>)Get("FT_New_Face"),
            DoneFace = (delegate* unmanaged<nint, int>)Get("FT_Done_Face"),
            SetPixelSizes = (delegate* unmanaged<nint, uint, uint, int>)Get("FT_Set_Pixel_Sizes"),
            SelectSize = (delegate* unmanaged<nint, int, int>)Get("FT_Select_Size"),
            GetCharIndex = (delegate* unmanaged<nint, CULong, uint>)Get("FT_Get_Char_Index"),
            LoadGlyph = (delegate* unmanaged<nint, uint, int, int>)Get("FT_Load_Glyph"),
        };
    }

    /// <summary>Throws a readable exception for a non-zero FreeType error code.</summary>
    public static void Check(int error, string what)
    {
        if (error != 0) throw new InvalidOperationException($"FreeType error 0x{error:X2} in {what}.");
    }
}
