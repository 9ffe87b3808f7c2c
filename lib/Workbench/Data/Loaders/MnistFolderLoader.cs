namespace Workbench.Data.Loaders;

/// <summary>
/// A folder with the four MNIST-style IDX files (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
/// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each optionally <c>.gz</c>): MNIST itself,
/// Fashion-MNIST, KMNIST.
/// </summary>
public static class MnistFolderLoader
{
    /// <summary>Digit class names "0".."9".</summary>
    public static readonly IReadOnlyList<string> DigitNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Loads <paramref name="split"/> from <paramref name="folder"/> (All = train then test).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">An IDX file is missing; the message lists the names looked for.</exception>
    public static InMemoryImageDataset Load(string folder, DatasetSplit split, IReadOnlyList<string>? classNames = null, int? size = null, string? name = null)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"MNIST folder not found: {folder}");
        classNames ??= DigitNames;
        name ??= $"mnist/{split.ToString().ToLowerInvariant()}";
        IdxFile Read(string stem) => IdxFile.Read(Find(folder, stem));
        switch (split)
        {
            case DatasetSplit.Train:
                return IdxDatasetLoader.FromIdx(name, Read("train-images-idx3-ubyte"), Read("train-labels-idx1-ubyte"), classNames, size);
            case DatasetSplit.Test:
                return IdxDatasetLoader.FromIdx(name, Read("t10k-images-idx3-ubyte"), Read("t10k-labels-idx1-ubyte"), classNames, size);
            default:
                var images = IdxDatasetLoader.Concat(Read("train-images-idx3-ubyte"), Read("t10k-images-idx3-ubyte"));
                var labels = IdxDatasetLoader.Concat(Read("train-labels-idx1-ubyte"), Read("t10k-labels-idx1-ubyte"));
                return IdxDatasetLoader.FromIdx(name, images, labels, classNames, size);
        }
    }

    /// <summary>The path of <paramref name="stem"/>, <c>.gz</c> or plain (also the <c>stem.idx3-ubyte</c> spelling some mirrors use).</summary>
    public static string Find(string folder, string stem)
    {
        string[] candidates = [stem + ".gz", stem, stem.Replace("-idx", ".idx", StringComparison.Ordinal), stem.Replace("-idx", ".idx", StringComparison.Ordinal) + ".gz"];
        foreach (var c in candidates)
        {
            var p = Path.Combine(folder, c);
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException($"{folder} has no {stem} (looked for {string.Join(", ", candidates)}).", Path.Combine(folder, stem));
    }
}
