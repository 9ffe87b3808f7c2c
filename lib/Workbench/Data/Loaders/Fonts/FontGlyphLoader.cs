using System.Security.Cryptography;
using System.Text;
using Workbench.Data.Catalog;
using Workbench.Imaging;
using Workbench.Imaging.FreeType;

namespace Workbench.Data.Loaders.Fonts;

/// <summary>
/// The <c>fonts</c> dataset: the 62 characters 0-9, A-Z, a-z rendered by our code (system FreeType)
/// from every usable face of the pinned Debian font packages, one image per (font, character), grey
/// with ink bright on black. Domains are <see cref="FontStyle"/>s. Each glyph is cropped to its ink,
/// its longer side scaled to <see cref="InkFill"/> of the canvas and centred (the notMNIST / Char74K
/// recipe). A face is used only if it maps all 62 characters to distinct glyphs (no caps-only faces)
/// and every glyph has ink, so every class has one image per face. Decorative faces must also pass
/// <see cref="GlyphTemplateCheck"/>: at least 4 of their 62 glyphs must be nearest to their own class
/// template built from the text faces, which removes dingbat faces whose "letters" are pictures.
/// The check runs once at <see cref="CheckSize"/> px, whatever the requested size, and its result is
/// cached in <c>&lt;root&gt;/apt/.fonts-usable.txt</c> (keyed by the font files' paths and sizes), so the
/// set of faces, and the counts, do not depend on the image size.
/// </summary>
/// <remarks>
/// Class-disjoint split for metric learning (<see cref="DatasetSplit.Train"/> / <see cref="DatasetSplit.Test"/>):
/// train on the 31 classes A-Z and 0-4, test on a-z and 5-9, each relabelled 0..30.
/// </remarks>
public static class FontGlyphLoader
{
    /// <summary>Catalog name.</summary>
    public const string Name = "fonts";

    /// <summary>The 62 classes, by class id of the full set.</summary>
    public const string Characters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Training classes of the class-disjoint split.</summary>
    public const string TrainCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ01234";

    /// <summary>Test classes of the class-disjoint split.</summary>
    public const string TestCharacters = "abcdefghijklmnopqrstuvwxyz56789";

    /// <summary>Fraction of the canvas the ink's longer side takes.</summary>
    public const double InkFill = 0.85;

    /// <summary>Domain names by domain id.</summary>
    public static readonly IReadOnlyList<string> DomainNames = ["handwriting", "serif", "sans", "mono", "decorative"];

    private static readonly string[] FontFolders = ["usr/share/fonts/truetype", "usr/share/fonts/opentype", "usr/share/texmf/fonts/opentype"];
    private static readonly string[] Extensions = [".ttf", ".otf", ".pfb", ".t1", ".ttc"];

    /// <summary>The classified font files under <paramref name="root"/>'s unpacked font packages, sorted by style then path.</summary>
    public static IReadOnlyList<FontFile> Discover(DataRoot root)
    {
        var apt = Path.Combine(root.Path, "apt");
        var files = new List<FontFile>();
        if (!Directory.Exists(apt)) return files;
        foreach (var pkgDir in Directory.EnumerateDirectories(apt, "fonts-*"))
        {
            string package = Path.GetFileName(pkgDir);
            if (!File.Exists(Path.Combine(pkgDir, DataRoot.MarkerFile))) continue;
            foreach (var folder in FontFolders.Select(f => Path.Combine(pkgDir, f)).Where(Directory.Exists))
                foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                    if (Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()) && FontStyleRules.Classify(package, Path.GetFileName(f)) is { } style)
                        files.Add(new FontFile(f, package, style));
        }
        return files.OrderBy(f => f.Style).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>FreeType pixel size glyphs are rasterised at (before framing) for image sizes up to 32; larger images use twice their size.</summary>
    public const int RasterSize = 64;

    /// <summary>Image size at which the usability check renders.</summary>
    public const int CheckSize = 24;

    /// <summary>Renders the dataset from the installed packages.</summary>
    /// <exception cref="DatasetNotInstalledException">No font package is installed under the root.</exception>
    public static InMemoryImageDataset Load(DataRoot root, DatasetSplit split = DatasetSplit.All, int size = 32)
    {
        var fonts = UsableFonts(root);
        var all = Render(fonts, size, Name);
        if (split == DatasetSplit.All) return all;
        using (all)
        {
            string chars = split == DatasetSplit.Train ? TrainCharacters : TestCharacters;
            var view = all.ByClasses(chars.Select(c => (long)Characters.IndexOf(c)), relabel: true, name: $"{Name}/{split.ToString().ToLowerInvariant()}");
            return view.Materialize();
        }
    }

    /// <summary>
    /// The faces that pass the usability checks (all 62 distinct glyphs with ink; decorative faces
    /// also the template check), from the cache file when it matches the installed files.
    /// </summary>
    /// <exception cref="DatasetNotInstalledException">No font package is installed under the root.</exception>
    public static IReadOnlyList<FontFile> UsableFonts(DataRoot root)
    {
        var fonts = Discover(root);
        if (fonts.Count == 0) throw new DatasetNotInstalledException(Name, Path.Combine(root.Path, "apt", "fonts-*"), InstallCommands.For(Name, root));
        string cache = Path.Combine(root.Path, "apt", ".fonts-usable.txt");
        string key = Fingerprint(root, fonts);
        if (File.Exists(cache))
        {
            var lines = File.ReadAllLines(cache);
            if (lines.Length > 0 && lines[0] == "# " + key)
            {
                var keep = lines.Skip(1).ToHashSet(StringComparer.Ordinal);
                return fonts.Where(f => keep.Contains(Path.GetRelativePath(root.Path, f.Path))).ToList();
            }
        }
        var rendered = RenderAll(fonts, CheckSize);
        var usable = Enumerable.Range(0, fonts.Count).Where(i => rendered[i] is not null).ToList();
        var decorative = usable.Where(i => fonts[i].Style == FontStyle.Decorative).ToArray();
        var text = usable.Where(i => fonts[i].Style is FontStyle.Serif or FontStyle.Sans or FontStyle.Mono).Select(i => rendered[i]!).ToArray();
        if (decorative.Length > 0 && text.Length > 0)
        {
            var recognised = GlyphTemplateCheck.Recognised(text, decorative.Select(i => rendered[i]!).ToArray());
            for (int k = 0; k < decorative.Length; k++)
                if (recognised[k] < GlyphTemplateCheck.MinRecognised) usable.Remove(decorative[k]);
        }
        var result = usable.Select(i => fonts[i]).ToList();
        try
        {
            File.WriteAllLines(cache, [("# " + key), .. result.Select(f => Path.GetRelativePath(root.Path, f.Path))]);
        }
        catch (IOException)
        {
            // A read-only data root only costs the check on every load.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return result;
    }

    private static string Fingerprint(DataRoot root, IReadOnlyList<FontFile> fonts)
    {
        var sb = new StringBuilder($"v1 {CheckSize} {GlyphTemplateCheck.MinRecognised}\n");
        foreach (var f in fonts) sb.Append(Path.GetRelativePath(root.Path, f.Path)).Append(' ').Append(new FileInfo(f.Path).Length).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>Renders all 62 characters of every font in <paramref name="fonts"/> at <paramref name="size"/> px; faces that fail <see cref="RenderFont"/> are left out.</summary>
    public static InMemoryImageDataset Render(IReadOnlyList<FontFile> fonts, int size, string name)
    {
        var rendered = RenderAll(fonts, size);
        var usable = Enumerable.Range(0, fonts.Count).Where(i => rendered[i] is not null).ToArray();
        if (usable.Length == 0) throw new InvalidDataException("No font covers all 62 characters; is the font installation broken?");
        var images = usable.SelectMany(i => rendered[i]!).ToArray();
        var labels = usable.SelectMany(_ => Enumerable.Range(0, Characters.Length).Select(c => (long)c)).ToArray();
        var domains = usable.SelectMany(i => Enumerable.Repeat((int)fonts[i].Style, Characters.Length)).ToArray();
        using var t = ImageTensors.Stack(images);
        return new InMemoryImageDataset(name, t, labels, Characters.Select(c => c.ToString()).ToArray(), domains, DomainNames);
    }

    private static PixelImage[]?[] RenderAll(IReadOnlyList<FontFile> fonts, int size)
    {
        var rendered = new PixelImage[]?[fonts.Count];
        var lib = new ThreadLocal<FreeTypeLibrary>(() => new FreeTypeLibrary(), trackAllValues: true);
        try
        {
            Parallel.For(0, fonts.Count, i => rendered[i] = RenderFont(lib.Value!, fonts[i].Path, size));
        }
        finally
        {
            foreach (var l in lib.Values) l.Dispose();
            lib.Dispose();
        }
        return rendered;
    }

    /// <summary>The 62 glyph images of one font, or null when the font is not usable (missing, shared or empty glyphs, or unreadable).</summary>
    public static PixelImage[]? RenderFont(FreeTypeLibrary library, string path, int size)
    {
        FontFace face;
        try
        {
            face = library.OpenFace(path);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        using (face)
        {
            var seen = new HashSet<uint>();
            foreach (char c in Characters)
                if (!seen.Add(face.GlyphIndex(c))) return null; // 0 = missing; duplicates = caps-only or aliased glyphs
            face.SetPixelSize(Math.Max(RasterSize, 2 * size));
            var result = new PixelImage[Characters.Length];
            for (int k = 0; k < Characters.Length; k++)
            {
                var g = face.Render(Characters[k]);
                if (g?.Image is null || PixelOps.InkBox(g.Image, 0, 8) is null) return null;
                result[k] = InkFraming.FitInk(g.Image, size, InkFill, background: 0);
            }
            return result;
        }
    }
}
