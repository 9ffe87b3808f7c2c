using Workbench.Data.Catalog;
using Workbench.Imaging;
using Workbench.Imaging.FreeType;

namespace Workbench.Data.Loaders.Emoji;

/// <summary>
/// The emoji cross-domain sets: the same Unicode emoji drawn by Google (Noto, Apache-2.0), Twitter
/// (Twemoji, CC BY 4.0), EmojiOne 2.2 (CC BY-SA 4.0) and as Symbola's black line art. Classes are
/// Unicode emoji subgroups (sorted by name); an emoji is used only when every domain of the preset
/// draws it. Each image is cropped to its ink, composited on white, and centred at
/// <see cref="InkFill"/> of the canvas.
/// </summary>
/// <remarks>
/// Sources (data root): <c>npm/emoji-datasource/package/{emoji.json, img/google/sheets/32.png,
/// img/twitter/sheets/32.png}</c> (32 px cells, 34 px pitch), <c>apt/ruby-gemojione/.../assets/png/*.png</c>
/// (64 px), <c>apt/fonts-symbola/.../Symbola_hint.ttf</c> (rendered with FreeType).
/// </remarks>
public static class EmojiLoader
{
    /// <summary>Domain names, by domain id in <see cref="EmojiPreset.Office"/>.</summary>
    public static readonly IReadOnlyList<string> AllDomains = ["noto", "twemoji", "emojione", "symbola"];

    /// <summary>The 12 symbol subgroups that <see cref="EmojiPreset.Office"/> drops from the 41.</summary>
    public static readonly IReadOnlySet<string> SymbolClasses = new HashSet<string>
        { "alphanum", "av-symbol", "geometric", "arrow", "other-symbol", "transport-sign", "warning", "zodiac", "religion", "heart", "time", "emotion" };

    /// <summary>The 7 classes of <see cref="EmojiPreset.Seven"/>.</summary>
    public static readonly IReadOnlyList<string> SevenClasses =
        ["animal-bird", "animal-mammal", "animal-marine", "clothing", "food-fruit", "plant-flower", "transport-ground"];

    /// <summary>Minimum emoji per subgroup (in every domain) for the subgroup to become a class.</summary>
    public const int MinPerClass = 10;

    /// <summary>Fraction of the canvas the ink's longer side takes.</summary>
    public const double InkFill = 0.875;

    /// <summary>Gemojione's PNG folder inside its package.</summary>
    public const string EmojiOneFolder = "usr/share/rubygems-integration/all/gems/gemojione-3.3.0/assets/png";

    /// <summary>Symbola's font file inside its package.</summary>
    public const string SymbolaFile = "usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf";

    /// <summary>Catalog name of a preset.</summary>
    public static string CatalogName(EmojiPreset preset) => preset switch
    {
        EmojiPreset.Office => "emoji-office",
        EmojiPreset.Office41 => "emoji-office-41",
        _ => "emoji-7",
    };

    /// <summary>Images per domain (verified): 547, 784, 165.</summary>
    public static int ExpectedPerDomain(EmojiPreset preset) => preset switch { EmojiPreset.Office => 547, EmojiPreset.Office41 => 784, _ => 165 };

    /// <summary>Loads a preset at <paramref name="size"/> x <paramref name="size"/> RGB (default 32, the sheets' resolution).</summary>
    /// <exception cref="DatasetNotInstalledException">A source file is missing; the message names the install command.</exception>
    public static InMemoryImageDataset Load(DataRoot root, EmojiPreset preset, int size = 32)
    {
        string name = CatalogName(preset);
        var files = new[]
        {
            root.Npm("emoji-datasource", "package/emoji.json"), root.Npm("emoji-datasource", "package/img/google/sheets/32.png"),
            root.Npm("emoji-datasource", "package/img/twitter/sheets/32.png"), root.Apt("ruby-gemojione", EmojiOneFolder), root.Apt("fonts-symbola", SymbolaFile),
        };
        foreach (var f in files)
            if (!File.Exists(f) && !Directory.Exists(f)) throw new DatasetNotInstalledException(name, f, InstallCommands.For(name, root));

        string[] domains = preset == EmojiPreset.Seven ? ["noto", "symbola"] : [.. AllDomains];
        var (chosen, classes) = Select(EmojiIndex.Read(files[0]), files[3], files[4], preset);
        var images = new PixelImage[domains.Length][];
        Parallel.For(0, domains.Length, d => images[d] = domains[d] switch
        {
            "noto" => FromSheet(files[1], chosen, size),
            "twemoji" => FromSheet(files[2], chosen, size),
            "emojione" => FromEmojiOne(files[3], chosen, size),
            _ => FromSymbola(files[4], chosen, size),
        });
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (long)p.i);
        var all = images.SelectMany(x => x).ToArray();
        var labels = Enumerable.Range(0, domains.Length).SelectMany(_ => chosen.Select(e => classIndex[e.Subcategory])).ToArray();
        var domainIds = Enumerable.Range(0, domains.Length).SelectMany(d => Enumerable.Repeat(d, chosen.Count)).ToArray();
        using var t = ImageTensors.Stack(all);
        return new InMemoryImageDataset(name, t, labels, classes, domainIds, domains);
    }

    /// <summary>
    /// The emoji every domain draws (Google and Twitter sheets, an EmojiOne file, and, for Symbola, a
    /// single code point the font maps), in subgroups with at least <see cref="MinPerClass"/> of them,
    /// filtered by preset; sorted by Unicode order. Also returns the class names, sorted.
    /// </summary>
    public static (IReadOnlyList<EmojiEntry> Emoji, IReadOnlyList<string> Classes) Select(IReadOnlyList<EmojiEntry> index, string emojiOneFolder, string symbolaPath, EmojiPreset preset)
    {
        var emojiOne = new HashSet<string>(Directory.EnumerateFiles(emojiOneFolder, "*.png").Select(Path.GetFileName)!, StringComparer.OrdinalIgnoreCase);
        using var ft = new FreeTypeLibrary();
        using var symbola = ft.OpenFace(symbolaPath);
        var common = index.Where(e => e.Category != "Component" && e.HasGoogle && e.HasTwitter && emojiOne.Contains(e.EmojiOneFile)
                                      && e.CodePoints.Length == 1 && symbola.HasGlyph(e.CodePoints[0])).ToList();
        var big = common.GroupBy(e => e.Subcategory).Where(g => g.Count() >= MinPerClass).Select(g => g.Key);
        var classes = preset switch
        {
            EmojiPreset.Office => big.Where(c => !SymbolClasses.Contains(c)),
            EmojiPreset.Office41 => big,
            _ => big.Where(SevenClasses.Contains),
        };
        var sorted = classes.OrderBy(c => c, StringComparer.Ordinal).ToArray();
        var keep = sorted.ToHashSet();
        return (common.Where(e => keep.Contains(e.Subcategory)).OrderBy(e => e.SortOrder).ToList(), sorted);
    }

    private static PixelImage[] FromSheet(string sheetPath, IReadOnlyList<EmojiEntry> emoji, int size)
    {
        var sheet = ImageDecoder.DecodeFile(sheetPath, channels: 4);
        if (sheet.Width != 2108 || sheet.Height != 2108)
            throw new InvalidDataException($"{sheetPath}: expected a 2108x2108 sheet (62 x 62 cells of 32 px, 34 px pitch), got {sheet.Width}x{sheet.Height}.");
        return emoji.Select(e => InkFraming.FitAlphaInk(PixelOps.Crop(sheet, 34 * e.SheetX + 1, 34 * e.SheetY + 1, 32, 32), size, 3, InkFill)).ToArray();
    }

    private static PixelImage[] FromEmojiOne(string folder, IReadOnlyList<EmojiEntry> emoji, int size) =>
        emoji.Select(e => InkFraming.FitAlphaInk(ImageDecoder.DecodeFile(Path.Combine(folder, e.EmojiOneFile), channels: 4), size, 3, InkFill)).ToArray();

    private static PixelImage[] FromSymbola(string fontPath, IReadOnlyList<EmojiEntry> emoji, int size)
    {
        using var ft = new FreeTypeLibrary();
        using var face = ft.OpenFace(fontPath);
        face.SetPixelSize(Math.Max(64, 2 * size));
        return emoji.Select(e =>
        {
            var glyph = face.Render(e.CodePoints[0]) ?? throw new InvalidDataException($"Symbola has no glyph for U+{e.CodePoints[0]:X4}.");
            if (glyph.Image is null) return PixelImage.Filled(size, size, 3, 255);
            // Coverage (ink = 255) becomes black ink on white paper.
            var cov = glyph.Image;
            var ga = new byte[cov.Pixels.Length * 2];
            for (int i = 0; i < cov.Pixels.Length; i++) ga[2 * i + 1] = cov.Pixels[i];
            return InkFraming.FitAlphaInk(new PixelImage(cov.Width, cov.Height, 2, ga), size, 3, InkFill);
        }).ToArray();
    }
}
