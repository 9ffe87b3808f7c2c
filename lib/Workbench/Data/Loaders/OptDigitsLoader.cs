using System.IO.Compression;
using Workbench.Data.Catalog;

namespace Workbench.Data.Loaders;

/// <summary>
/// UCI "Optical Recognition of Handwritten Digits" test split (Alpaydin &amp; Kaynak 1998; 1,797 images,
/// 13 writers) as shipped in scikit-learn's <c>digits.csv.gz</c> (Debian <c>python3-sklearn</c>, BSD-3-Clause).
/// Each line holds 64 values 0..16 (set-pixel counts of 4x4 blocks of a 32x32 bitmap) and the label;
/// pixels become <c>round(v·255/16)</c>, ink bright, 8x8 (or resized to the requested size).
/// </summary>
public static class OptDigitsLoader
{
    /// <summary>Catalog name.</summary>
    public const string Name = "optdigits-8x8";

    /// <summary>Path of the CSV inside the unpacked package.</summary>
    public const string PackageFile = "usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

    /// <summary>Images per digit 0..9 (verified; 1,797 in total).</summary>
    public static readonly IReadOnlyList<int> ClassCounts = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

    /// <summary>Loads the 1,797 images from the data root (or a system-wide scikit-learn install).</summary>
    /// <exception cref="DatasetNotInstalledException">Neither location has the file.</exception>
    public static InMemoryImageDataset Load(DataRoot root, int? size = null)
    {
        foreach (var p in new[] { root.Apt("python3-sklearn", PackageFile), "/" + PackageFile })
            if (File.Exists(p)) return LoadCsv(p, size);
        throw new DatasetNotInstalledException(Name, root.Apt("python3-sklearn", PackageFile), InstallCommands.For(Name, root));
    }

    /// <summary>Parses a (gzipped or plain) CSV of 64 pixels 0..16 and a label per line.</summary>
    /// <exception cref="InvalidDataException">A line does not have 65 integers in range; the message gives the line number.</exception>
    public static InMemoryImageDataset LoadCsv(string path, int? size = null)
    {
        using var file = File.OpenRead(path);
        using Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(s);
        var pixels = new List<byte>(1797 * 64);
        var labels = new List<long>(1797);
        string? line;
        int lineNo = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var parts = line.Split(',');
            if (parts.Length != 65) throw new InvalidDataException($"{path}:{lineNo}: {parts.Length} fields, expected 65 (64 pixels and a label).");
            for (int i = 0; i < 64; i++)
            {
                if (!int.TryParse(parts[i].Trim(), out int v) || v is < 0 or > 16)
                    throw new InvalidDataException($"{path}:{lineNo}: pixel {i} is '{parts[i]}', expected an integer 0..16.");
                pixels.Add((byte)((v * 255 + 8) / 16));
            }
            if (!int.TryParse(parts[64].Trim(), out int y) || y is < 0 or > 9)
                throw new InvalidDataException($"{path}:{lineNo}: label '{parts[64]}' is not a digit 0..9.");
            labels.Add(y);
        }
        int n = labels.Count;
        if (n == 0) throw new InvalidDataException($"{path}: no rows.");
        byte[] data = [.. pixels];
        int side = 8;
        if (size is { } sz && sz != 8)
        {
            data = ImageTensors.ResizeBlocks(data, n, 1, 8, 8, sz);
            side = sz;
        }
        using var t = ImageTensors.FromChw(data, n, 1, side, side);
        return new InMemoryImageDataset(Name, t, [.. labels], MnistFolderLoader.DigitNames);
    }
}
