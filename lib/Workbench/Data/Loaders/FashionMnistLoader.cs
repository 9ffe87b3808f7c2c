using Workbench.Data.Catalog;

namespace Workbench.Data.Loaders;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017; MIT, © Zalando SE) from Debian's
/// <c>dataset-fashion-mnist</c>: 60,000 train + 10,000 test 28x28 grey images, 10 balanced classes,
/// ink bright on black. Read from the data root (<c>apt/dataset-fashion-mnist/...</c>) or, if
/// installed system-wide with apt, from <c>/usr/share/datasets/fashion-mnist</c>.
/// </summary>
public static class FashionMnistLoader
{
    /// <summary>Catalog name.</summary>
    public const string Name = "fashion-mnist";

    /// <summary>Folder of the IDX files inside the unpacked package.</summary>
    public const string PackageFolder = "usr/share/datasets/fashion-mnist";

    /// <summary>The ten class names, by label.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Train and test image counts (6,000 and 1,000 per class).</summary>
    public const int TrainCount = 60_000, TestCount = 10_000;

    /// <summary>The folder holding the four IDX files, or null when neither location has them.</summary>
    public static string? Locate(DataRoot root)
    {
        foreach (var dir in new[] { root.Apt("dataset-fashion-mnist", PackageFolder), "/" + PackageFolder })
            if (File.Exists(Path.Combine(dir, "train-images-idx3-ubyte.gz"))) return dir;
        return null;
    }

    /// <summary>Loads <paramref name="split"/> (All = train then test), optionally resized to <paramref name="size"/>.</summary>
    /// <exception cref="DatasetNotInstalledException">The package is not installed; the message names the command.</exception>
    public static InMemoryImageDataset Load(DataRoot root, DatasetSplit split = DatasetSplit.Train, int? size = null)
    {
        var dir = Locate(root) ?? throw new DatasetNotInstalledException(Name,
            Path.Combine(root.Apt("dataset-fashion-mnist", PackageFolder), "train-images-idx3-ubyte.gz"), InstallCommands.For(Name, root));
        return MnistFolderLoader.Load(dir, split, ClassNames, size, split == DatasetSplit.All ? Name : $"{Name}/{split.ToString().ToLowerInvariant()}");
    }
}
