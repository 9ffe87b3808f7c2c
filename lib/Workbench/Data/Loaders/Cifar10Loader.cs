using Workbench.Data.Catalog;

namespace Workbench.Data.Loaders;

/// <summary>
/// CIFAR-10, binary version (Krizhevsky 2009; <c>cifar-10-binary.tar.gz</c>): <c>data_batch_1..5.bin</c>
/// (50,000 train) and <c>test_batch.bin</c> (10,000 test), each record one label byte then 3,072 pixel
/// bytes (1,024 R, 1,024 G, 1,024 B, row-major: already CHW). Class names from <c>batches.meta.txt</c>.
/// </summary>
public static class Cifar10Loader
{
    /// <summary>Catalog name.</summary>
    public const string Name = "cifar10";

    /// <summary>Where to get it.</summary>
    public const string Download = "https://www.cs.toronto.edu/~kriz/cifar.html (CIFAR-10 binary version, cifar-10-binary.tar.gz)";

    private const int Record = 1 + 3 * 32 * 32;

    /// <summary>The default class names (also in <c>batches.meta.txt</c>).</summary>
    public static readonly IReadOnlyList<string> DefaultClassNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Loads <paramref name="split"/> from <paramref name="folder"/> (or its <c>cifar-10-batches-bin</c> subfolder).</summary>
    /// <exception cref="DatasetNotInstalledException">The batch files are missing.</exception>
    /// <exception cref="InvalidDataException">A file's length is not a whole number of records, or a label exceeds 9.</exception>
    public static InMemoryImageDataset Load(string folder, DatasetSplit split = DatasetSplit.Train, int? size = null)
    {
        if (!File.Exists(Path.Combine(folder, "data_batch_1.bin")) && Directory.Exists(Path.Combine(folder, "cifar-10-batches-bin")))
            folder = Path.Combine(folder, "cifar-10-batches-bin");
        UserFolder.Require(Name, folder, split == DatasetSplit.Test ? "test_batch.bin" : "data_batch_1.bin", $"Download {Download} and extract it");
        var files = split switch
        {
            DatasetSplit.Train => Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin"),
            DatasetSplit.Test => ["test_batch.bin"],
            _ => Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin").Append("test_batch.bin"),
        };
        var names = File.Exists(Path.Combine(folder, "batches.meta.txt"))
            ? File.ReadAllLines(Path.Combine(folder, "batches.meta.txt")).Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToArray()
            : [.. DefaultClassNames];
        var pixels = new List<byte[]>();
        var labels = new List<long>();
        foreach (var f in files)
        {
            string path = Path.Combine(folder, f);
            if (!File.Exists(path)) throw new DatasetNotInstalledException(Name, path, $"Download {Download} and extract it completely");
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0 || bytes.Length % Record != 0)
                throw new InvalidDataException($"{path}: {bytes.Length} bytes is not a whole number of {Record}-byte CIFAR-10 records (truncated download?).");
            var block = new byte[bytes.Length / Record * 3072];
            for (int r = 0; r < bytes.Length / Record; r++)
            {
                byte y = bytes[r * Record];
                if (y >= names.Length) throw new InvalidDataException($"{path}: record {r} has label {y}, but there are {names.Length} classes.");
                labels.Add(y);
                Buffer.BlockCopy(bytes, r * Record + 1, block, r * 3072, 3072);
            }
            pixels.Add(block);
        }
        byte[] all = [.. pixels.SelectMany(p => p)];
        int n = labels.Count, side = 32;
        if (size is { } s && s != 32)
        {
            all = ImageTensors.ResizeBlocks(all, n, 3, 32, 32, s);
            side = s;
        }
        using var t = ImageTensors.FromChw(all, n, 3, side, side);
        return new InMemoryImageDataset(split == DatasetSplit.All ? Name : $"{Name}/{split.ToString().ToLowerInvariant()}", t, [.. labels], names);
    }
}
