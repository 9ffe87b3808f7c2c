using System.Buffers.Binary;
using System.IO.Compression;
using Workbench.Data;
using Workbench.Data.Loaders;

namespace Workbench.Tests.Data;

public class IdxAndDigitLoaderTests
{
    internal static byte[] Idx(byte type, int[] dims, byte[] data)
    {
        var header = new byte[4 + 4 * dims.Length];
        header[2] = type;
        header[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return [.. header, .. data];
    }

    internal static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    /// <summary>Writes a 4-image MNIST-style folder (train 3 images, test 1), 4x4 pixels; image k is filled with 10k+1.</summary>
    internal static void WriteMnistFolder(TempDir dir, bool gzip)
    {
        byte[] Img(int n, int first) => Enumerable.Range(first, n).SelectMany(k => Enumerable.Repeat((byte)(10 * k + 1), 16)).ToArray();
        byte[] Wrap(byte[] b) => gzip ? Gzip(b) : b;
        string ext = gzip ? ".gz" : "";
        dir.Write("train-images-idx3-ubyte" + ext, Wrap(Idx(8, [3, 4, 4], Img(3, 0))));
        dir.Write("train-labels-idx1-ubyte" + ext, Wrap(Idx(8, [3], [2, 0, 9])));
        dir.Write("t10k-images-idx3-ubyte" + ext, Wrap(Idx(8, [1, 4, 4], Img(1, 3))));
        dir.Write("t10k-labels-idx1-ubyte" + ext, Wrap(Idx(8, [1], [7])));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Mnist_folder_loads_each_split_plain_or_gzipped(bool gzip)
    {
        using var dir = new TempDir();
        WriteMnistFolder(dir, gzip);
        using var train = MnistFolderLoader.Load(dir.Path, DatasetSplit.Train);
        Assert.Equal((3, 1, 4, 4), (train.Count, train.Channels, train.Height, train.Width));
        Assert.Equal(new long[] { 2, 0, 9 }, train.Labels);
        using var all = MnistFolderLoader.Load(dir.Path, DatasetSplit.All);
        Assert.Equal(new long[] { 2, 0, 9, 7 }, all.Labels);
        using var images = all.LoadImages([3, 0]);
        Assert.Equal(new long[] { 2, 1, 4, 4 }, images.shape);
        Assert.Equal(31, images[0, 0, 1, 1].item<byte>());
        Assert.Equal(1, images[1, 0, 3, 3].item<byte>());
        using var resized = MnistFolderLoader.Load(dir.Path, DatasetSplit.Test, size: 9);
        Assert.Equal((9, 9), (resized.Height, resized.Width));
        Assert.True(resized.Images.eq(31).all().item<bool>(), "a constant image stays constant when resized");
    }

    [Fact]
    public void Bad_magic_truncation_and_type_errors_say_what_is_wrong()
    {
        using var dir = new TempDir();
        var bad = dir.Write("bad.idx", [0x12, 0x34, 0x08, 0x01, 0, 0, 0, 1, 5]);
        Assert.Contains("bad IDX magic", Assert.Throws<InvalidDataException>(() => IdxFile.Read(bad)).Message);
        var cut = dir.Write("cut.idx", Idx(8, [2, 4, 4], new byte[20]));
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(cut));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("20 of 32", e.Message);
        var noise = new byte[512];
        new Random(1).NextBytes(noise);
        var gz = Gzip(Idx(8, [2, 16, 16], noise));
        var cutGz = dir.Write("cut.idx.gz", gz[..(gz.Length / 2)]);
        Assert.Contains("cut.idx.gz", Assert.Throws<InvalidDataException>(() => IdxFile.Read(cutGz)).Message);
        var ints = dir.Write("int.idx", Idx(0x0C, [1], [0, 0, 0, 1]));
        Assert.Contains("0x0C", Assert.Throws<InvalidDataException>(() => IdxFile.Read(ints)).Message);
        dir.Write("train-images-idx3-ubyte", Idx(8, [2, 2, 2], new byte[8]));
        dir.Write("train-labels-idx1-ubyte", Idx(8, [3], [0, 1, 2]));
        Assert.Contains("3 labels", Assert.Throws<InvalidDataException>(() => MnistFolderLoader.Load(dir.Path, DatasetSplit.Train)).Message);
        Assert.Throws<FileNotFoundException>(() => MnistFolderLoader.Load(dir.Path, DatasetSplit.Test));
    }

    [Fact]
    public void Mnist_json_digits_round_to_the_original_bytes()
    {
        using var dir = new TempDir();
        for (int d = 0; d < 10; d++)
        {
            var values = Enumerable.Range(0, 784 * (d % 2 + 1)).Select(i => Math.Round((i * 7 + d) % 256 / 255.0, 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
            dir.Write($"{d}.json", "{\"data\":[" + string.Join(",", values) + "]}");
        }
        using var ds = Mnist10kLoader.LoadFolder(dir.Path);
        Assert.Equal(15, ds.Count); // 5 classes with 1 image, 5 with 2
        Assert.Equal(new[] { 1, 2, 1, 2, 1, 2, 1, 2, 1, 2 }, ds.ClassCounts());
        using var first = ds.LoadImages([0]);
        var bytes = first.data<byte>().ToArray();
        for (int i = 0; i < 784; i++) Assert.Equal((i * 7) % 256, bytes[i]);

        dir.Write("0.json", "{\"data\":[0.5,0.25]}");
        Assert.Contains("multiple of 784", Assert.Throws<InvalidDataException>(() => Mnist10kLoader.ReadDigits(Path.Combine(dir.Path, "0.json"))).Message);
        dir.Write("0.json", "{\"data\":[1.5]}");
        Assert.Contains("outside [0, 1]", Assert.Throws<InvalidDataException>(() => Mnist10kLoader.ReadDigits(Path.Combine(dir.Path, "0.json"))).Message);
        dir.Write("0.json", "{\"pixels\":[]}");
        Assert.Contains("no \"data\"", Assert.Throws<InvalidDataException>(() => Mnist10kLoader.ReadDigits(Path.Combine(dir.Path, "0.json"))).Message);
    }

    [Fact]
    public void Optdigits_csv_scales_0_16_to_bytes_and_reports_bad_lines()
    {
        using var dir = new TempDir();
        var row = string.Join(",", Enumerable.Range(0, 64).Select(i => i % 17)) + ",3";
        var path = dir.Write("digits.csv.gz", IdxAndDigitLoaderTests.Gzip(System.Text.Encoding.ASCII.GetBytes(row + "\n" + row.Replace(",3", ",5", StringComparison.Ordinal) + "\n")));
        using var ds = OptDigitsLoader.LoadCsv(path);
        Assert.Equal((2, 8, 8), (ds.Count, ds.Height, ds.Width));
        Assert.Equal(new long[] { 3, 5 }, ds.Labels);
        using var img = ds.LoadImages([0]);
        var px = img.data<byte>().ToArray();
        Assert.Equal(0, px[0]);
        Assert.Equal(255, px[16]);
        Assert.Equal((8 * 255 + 8) / 16, px[8]);
        var bad = dir.Write("bad.csv", row + "\n1,2,3\n");
        Assert.Contains(":2:", Assert.Throws<InvalidDataException>(() => OptDigitsLoader.LoadCsv(bad)).Message);
        var range = dir.Write("range.csv", row.Replace("0,1,", "0,17,", StringComparison.Ordinal));
        Assert.Contains("0..16", Assert.Throws<InvalidDataException>(() => OptDigitsLoader.LoadCsv(range)).Message);
    }
}
