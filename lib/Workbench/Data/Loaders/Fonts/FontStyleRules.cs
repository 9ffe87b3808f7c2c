using System.Text.RegularExpressions;

namespace Workbench.Data.Loaders.Fonts;

/// <summary>
/// Assigns each font file of the pinned Debian font packages to a <see cref="FontStyle"/> domain (or
/// excludes it): whole packages where a package has one style, file-name patterns where it mixes
/// styles (URW base35, FreeFont, TeX Gyre, Latin Modern, DejaVu, Liberation, Linux Libertine).
/// Symbol, math and keyboard faces are excluded.
/// </summary>
public static class FontStyleRules
{
    private static readonly Dictionary<string, FontStyle> Packages = new(StringComparer.Ordinal)
    {
        ["fonts-dkg-handwriting"] = FontStyle.Handwriting, ["fonts-breip"] = FontStyle.Handwriting, ["fonts-bwht"] = FontStyle.Handwriting,
        ["fonts-dancingscript"] = FontStyle.Handwriting, ["fonts-femkeklaver"] = FontStyle.Handwriting, ["fonts-humor-sans"] = FontStyle.Handwriting,
        ["fonts-kristi"] = FontStyle.Handwriting, ["fonts-rufscript"] = FontStyle.Handwriting, ["fonts-sjfonts"] = FontStyle.Handwriting,
        ["fonts-comic-neue"] = FontStyle.Handwriting, ["fonts-tomsontalks"] = FontStyle.Handwriting, ["fonts-ecolier-court"] = FontStyle.Handwriting,
        ["fonts-kaushanscript"] = FontStyle.Handwriting, ["fonts-leckerli-one"] = FontStyle.Handwriting, ["fonts-lobster"] = FontStyle.Handwriting,
        ["fonts-levien-typoscript"] = FontStyle.Handwriting, ["fonts-joscelyn"] = FontStyle.Handwriting, ["fonts-havana"] = FontStyle.Handwriting,
        ["fonts-aenigma"] = FontStyle.Decorative, ["fonts-beteckna"] = FontStyle.Decorative, ["fonts-blankenburg"] = FontStyle.Decorative,
        ["fonts-oflb-euterpe"] = FontStyle.Decorative,
        ["fonts-ebgaramond"] = FontStyle.Serif, ["fonts-oldstandard"] = FontStyle.Serif, ["fonts-crosextra-caladea"] = FontStyle.Serif,
        ["fonts-open-sans"] = FontStyle.Sans, ["fonts-cantarell"] = FontStyle.Sans, ["fonts-crosextra-carlito"] = FontStyle.Sans,
        ["fonts-league-spartan"] = FontStyle.Sans, ["fonts-yanone-kaffeesatz"] = FontStyle.Sans,
        ["fonts-hack"] = FontStyle.Mono, ["fonts-jetbrains-mono"] = FontStyle.Mono, ["fonts-inconsolata"] = FontStyle.Mono,
        ["fonts-firacode"] = FontStyle.Mono, ["fonts-monoid"] = FontStyle.Mono, ["fonts-gnutypewriter"] = FontStyle.Mono,
    };

    // Mixed packages: first matching pattern wins; no match = excluded.
    private static readonly (string Package, Regex Pattern, FontStyle Style)[] Files =
    [
        ("fonts-urw-base35", R("^(C059|NimbusRoman|P052|URWBookman)"), FontStyle.Serif),
        ("fonts-urw-base35", R("^(NimbusSans|URWGothic)"), FontStyle.Sans),
        ("fonts-urw-base35", R("^NimbusMonoPS"), FontStyle.Mono),
        ("fonts-urw-base35", R("^Z003"), FontStyle.Handwriting),
        ("fonts-freefont-ttf", R("^FreeSerif"), FontStyle.Serif),
        ("fonts-freefont-ttf", R("^FreeSans"), FontStyle.Sans),
        ("fonts-freefont-ttf", R("^FreeMono"), FontStyle.Mono),
        ("fonts-texgyre", R("^texgyre(termes|pagella|schola|bonum)"), FontStyle.Serif),
        ("fonts-texgyre", R("^texgyre(heros|adventor)"), FontStyle.Sans),
        ("fonts-texgyre", R("^texgyrecursor"), FontStyle.Mono),
        ("fonts-texgyre", R("^texgyrechorus"), FontStyle.Handwriting),
        ("fonts-lmodern", R("^lmroman"), FontStyle.Serif),
        ("fonts-lmodern", R("^lmsans"), FontStyle.Sans),
        ("fonts-lmodern", R("^lmmono"), FontStyle.Mono),
        ("fonts-dejavu-core", R("^DejaVuSansMono"), FontStyle.Mono),
        ("fonts-dejavu-core", R("^DejaVuSerif"), FontStyle.Serif),
        ("fonts-dejavu-core", R("^DejaVuSans"), FontStyle.Sans),
        ("fonts-dejavu-extra", R("^DejaVuSansMono"), FontStyle.Mono),
        ("fonts-dejavu-extra", R("^DejaVuSerif"), FontStyle.Serif),
        ("fonts-dejavu-extra", R("^DejaVuSans"), FontStyle.Sans),
        ("fonts-liberation", R("^LiberationMono"), FontStyle.Mono),
        ("fonts-liberation", R("^LiberationSerif"), FontStyle.Serif),
        ("fonts-liberation", R("^LiberationSans"), FontStyle.Sans),
        ("fonts-linuxlibertine", R("^LinLibertine_M"), FontStyle.Mono),
        ("fonts-linuxlibertine", R("^LinLibertine_"), FontStyle.Serif),
        ("fonts-linuxlibertine", R("^LinBiolinum_R"), FontStyle.Sans),
    ];

    /// <summary>Every package the rules know (the <c>fonts</c> dataset's package list without the pins).</summary>
    public static IEnumerable<string> KnownPackages => Packages.Keys.Concat(Files.Select(f => f.Package)).Distinct();

    /// <summary>The style of <paramref name="fileName"/> from <paramref name="package"/>, or null when the file is excluded or unknown.</summary>
    public static FontStyle? Classify(string package, string fileName)
    {
        if (Packages.TryGetValue(package, out var style)) return style;
        foreach (var (p, pattern, s) in Files)
            if (p == package && pattern.IsMatch(fileName)) return s;
        return null;
    }

    private static Regex R(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
