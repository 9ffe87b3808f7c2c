using TorchSharp;
using Workbench.Data;
using Workbench.Data.Catalog;
using Workbench.Data.Loaders;
using Workbench.Data.Loaders.Mat;
using Workbench.Tests.Imaging;

namespace Workbench.Tests.Data;

public class FolderLoaderTests
{
    /// <summary>An 8-bit RGB PNG of size w x h filled with (v, v, v).</summary>
    private static byte[] Png(int v, int w = 6, int h = 4) => PngFixture.Encode(w, h, 2, 8, Enumerable.Repeat(v, w * h * 3).ToArray());

    [Fact]
    public void Class_folders_give_sorted_classes_per_domain_and_decode_every_colour_type()
    {
        using var dir = new TempDir();
        dir.Write("Art/Bike/1.png", Png(10));
        dir.Write("Art/Alarm/1.png", PngFixture.Encode(3, 3, 3, 2, new int[9], palette: [20, 20, 20]));  // 2-bit palette
        dir.Write("Art/Alarm/2.jpg", Jpeg(30));
        dir.Write("Art/Alarm/notes.txt", "ignored");
        dir.Write("Clipart/Alarm/a.png", PngFixture.Encode(2, 2, 4, 16, [0xFFFF, 0xFFFF, 0, 0, 0, 0, 0xFFFF, 0xFFFF]));  // 16-bit grey+alpha
        dir.Write("Clipart/Bike/b.png", Png(50));
        var ds = ClassFolderLoader.LoadDomains(dir.Path, "office-home", ImageLoadOptions.Square(8));
        Assert.Equal(new[] { "Alarm", "Bike" }, ds.ClassNames);
        Assert.Equal(new[] { "Art", "Clipart" }, ds.DomainNames);
        Assert.Equal(new long[] { 0, 0, 1, 0, 1 }, ds.Labels);
        Assert.Equal(new[] { 0, 0, 0, 1, 1 }, ds.Domains);
        using var images = ds.LoadImages([0, 2, 4]);
        Assert.Equal(new long[] { 3, 3, 8, 8 }, images.shape);
        Assert.Equal(20, images[0, 1, 4, 4].item<byte>());
        Assert.Equal(10, images[1, 0, 0, 0].item<byte>());
        Assert.Equal(50, images[2, 2, 7, 7].item<byte>());
    }

    [Fact]
    public void Missing_class_folders_and_empty_classes_are_named()
    {
        using var dir = new TempDir();
        dir.Write("Art/Bike/1.png", Png(1));
        dir.Write("Art/Alarm/1.png", Png(1));
        dir.Write("Product/Bike/1.png", Png(1));
        var e = Assert.Throws<InvalidDataException>(() => ClassFolderLoader.LoadDomains(dir.Path, "office-home", ImageLoadOptions.Square(8)));
        Assert.Contains("'Product' lacks Alarm", e.Message);
        var partial = ClassFolderLoader.LoadDomains(dir.Path, "office-home", ImageLoadOptions.Square(8), allowMissingClasses: true);
        Assert.Equal(3, partial.Count);
        Directory.CreateDirectory(Path.Combine(dir.Path, "Product", "Alarm"));
        Assert.Contains("has no images", Assert.Throws<InvalidDataException>(() => ClassFolderLoader.LoadDomains(dir.Path, "x", ImageLoadOptions.Square(8))).Message);
        Assert.Throws<DirectoryNotFoundException>(() => ClassFolderLoader.LoadDomains(dir.Path, "x", ImageLoadOptions.Square(8), ["Sketch"]));
    }

    [Fact]
    public void Ucdir_train_layout_and_image_folder()
    {
        using var dir = new TempDir();
        dir.Write("clipart/train/cat/1.png", Png(1));
        dir.Write("clipart/train/dog/1.png", Png(2));
        dir.Write("clipart/test/dog/9.png", Png(3));
        dir.Write("sketch/train/cat/1.png", Png(4));
        dir.Write("sketch/train/dog/1.png", Png(5));
        var ds = ClassFolderLoader.LoadDomains(dir.Path, "ucdir", ImageLoadOptions.Square(4, channels: 1));
        Assert.Equal(4, ds.Count);
        Assert.Equal(1, ds.Channels);
        var folder = ClassFolderLoader.LoadImageFolder(Path.Combine(dir.Path, "clipart", "train"), "clip", ImageLoadOptions.Square(4));
        Assert.Equal(new[] { "cat", "dog" }, folder.ClassNames);
    }

    [Fact]
    public void Cifar10_binary_batches_are_chw_records()
    {
        using var dir = new TempDir();
        byte[] Record(byte label, byte r, byte g, byte b) => [label, .. Enumerable.Repeat(r, 1024), .. Enumerable.Repeat(g, 1024), .. Enumerable.Repeat(b, 1024)];
        for (int i = 1; i <= 5; i++) dir.Write($"cifar-10-batches-bin/data_batch_{i}.bin", [.. Record((byte)i, 1, 2, 3), .. Record(0, 4, 5, 6)]);
        dir.Write("cifar-10-batches-bin/test_batch.bin", Record(9, 7, 8, 9));
        using var train = Cifar10Loader.Load(dir.Path, DatasetSplit.Train);
        Assert.Equal(10, train.Count);
        Assert.Equal(new long[] { 1, 0, 2, 0, 3, 0, 4, 0, 5, 0 }, train.Labels);
        Assert.Equal("airplane", train.ClassNames[0]);
        using var test = Cifar10Loader.Load(dir.Path, DatasetSplit.Test);
        using var img = test.LoadImages([0]);
        Assert.Equal(new byte[] { 7, 8, 9 }, new[] { img[0, 0, 5, 5].item<byte>(), img[0, 1, 5, 5].item<byte>(), img[0, 2, 5, 5].item<byte>() });
        dir.Write("cifar-10-batches-bin/test_batch.bin", Record(9, 7, 8, 9)[..3000]);
        Assert.Contains("whole number", Assert.Throws<InvalidDataException>(() => Cifar10Loader.Load(dir.Path, DatasetSplit.Test)).Message);
        using var empty = new TempDir();
        var missing = Assert.Throws<DatasetNotInstalledException>(() => Cifar10Loader.Load(empty.Path, DatasetSplit.Train));
        Assert.Contains("cifar-10-binary.tar.gz", missing.Message);
        Assert.Contains("--path", missing.Message);
    }

    [Fact]
    public void DomainNet_lists_give_domains_and_a_renumbered_class_subset()
    {
        using var dir = new TempDir();
        dir.Write("clipart/airplane/c1.png", Png(1));
        dir.Write("clipart/zebra/c2.png", Png(2));
        dir.Write("clipart/bus/c3.png", Png(3));
        dir.Write("sketch/zebra/s1.png", Png(4));
        dir.Write("clipart_train.txt", "clipart/airplane/c1.png 0\nclipart/zebra/c2.png 344\n");
        dir.Write("clipart_test.txt", "clipart/bus/c3.png 41\n");
        dir.Write("sketch_train.txt", "sketch/zebra/s1.png 344\n");
        dir.Write("sketch_test.txt", "");
        var train = DomainNetLoader.Load(dir.Path, DatasetSplit.Train, ImageLoadOptions.Square(4));
        Assert.Equal(new[] { "clipart", "sketch" }, train.DomainNames);
        Assert.Equal(new[] { "airplane", "zebra" }, train.ClassNames);
        Assert.Equal(new long[] { 0, 1, 1 }, train.Labels);
        var sub = DomainNetLoader.Load(dir.Path, DatasetSplit.All, ImageLoadOptions.Square(4), classes: ["zebra", "bus"]);
        Assert.Equal(new[] { "bus", "zebra" }, sub.ClassNames);
        Assert.Equal(3, sub.Count);
        dir.Write("sketch_train.txt", "sketch/zebra/s1.png\n");
        Assert.Contains("sketch_train.txt:1", Assert.Throws<InvalidDataException>(() => DomainNetLoader.Load(dir.Path, DatasetSplit.Train, ImageLoadOptions.Square(4))).Message);
    }

    [Fact]
    public void Cub_and_sop_lists_give_class_disjoint_splits()
    {
        using var dir = new TempDir();
        dir.Write("CUB_200_2011/images.txt", "1 001.A/a.jpg\n2 002.B/b.jpg\n3 101.C/c.jpg\n4 101.C/d.jpg\n");
        dir.Write("CUB_200_2011/image_class_labels.txt", "1 1\n2 2\n3 101\n4 101\n");
        dir.Write("CUB_200_2011/classes.txt", "1 001.A\n2 002.B\n101 101.C\n");
        var train = Cub200Loader.Load(dir.Path, DatasetSplit.Train, ImageLoadOptions.Square(4));
        var test = Cub200Loader.Load(dir.Path, DatasetSplit.Test, ImageLoadOptions.Square(4));
        Assert.Equal(new[] { "001.A", "002.B" }, train.ClassNames);
        Assert.Equal(new long[] { 0, 1 }, train.Labels);
        Assert.Equal(new long[] { 0, 0 }, test.Labels);
        Assert.EndsWith(Path.Combine("images", "101.C", "c.jpg"), ((FileImageDataset)test).Entries[0].Path);

        dir.Write("Stanford_Online_Products/Ebay_train.txt", "image_id class_id super_class_id path\n1 1 1 bicycle_final/a.JPG\n2 1 1 bicycle_final/b.JPG\n3 5 2 chair_final/c.JPG\n");
        dir.Write("Stanford_Online_Products/Ebay_test.txt", "image_id class_id super_class_id path\n4 11319 1 bicycle_final/d.JPG\n");
        var sop = StanfordOnlineProductsLoader.Load(dir.Path, DatasetSplit.Train, ImageLoadOptions.Square(4));
        Assert.Equal(new long[] { 0, 0, 1 }, sop.Labels);
        Assert.Equal(new[] { "1", "5" }, sop.ClassNames);
        Assert.Equal(4, StanfordOnlineProductsLoader.Load(dir.Path, DatasetSplit.All, ImageLoadOptions.Square(4)).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cars196_annotations_are_read_from_a_mat_file(bool compressed)
    {
        using var dir = new TempDir();
        string[] fields = ["relative_im_path", "bbox_x1", "class", "test"];
        byte[][] Anno(string path, double cls, double testFlag) => [MatFixture.Char("", path), MatFixture.Double("", 3), MatFixture.Double("", cls), MatFixture.Double("", testFlag)];
        var annos = MatFixture.Struct("annotations", fields, [Anno("car_ims/000001.jpg", 1, 0), Anno("car_ims/000002.jpg", 98, 1), Anno("car_ims/000003.jpg", 99, 0), Anno("car_ims/000004.jpg", 196, 1)]);
        var names = MatFixture.Cell("class_names", [.. Enumerable.Range(1, 196).Select(i => MatFixture.Char("", $"Car model {i}"))]);
        dir.Write("cars_annos.mat", MatFixture.File(compressed, annos, names));

        var vars = MatFileReader.Read(Path.Combine(dir.Path, "cars_annos.mat"));
        Assert.Equal(4, vars["annotations"].Count);
        Assert.Equal("car_ims/000002.jpg", vars["annotations"].Field(1, "relative_im_path").Text);
        Assert.Equal(98, vars["annotations"].Field(1, "class").Numbers[0]);
        Assert.Equal("Car model 196", vars["class_names"].Items[195].Text);

        var train = Cars196Loader.Load(dir.Path, DatasetSplit.Train, ImageLoadOptions.Square(4));
        var test = Cars196Loader.Load(dir.Path, DatasetSplit.Test, ImageLoadOptions.Square(4));
        Assert.Equal(98, train.ClassNames.Count);
        Assert.Equal(new long[] { 0, 97 }, train.Labels);
        Assert.Equal(new long[] { 0, 97 }, test.Labels);
        Assert.Equal("Car model 99", test.ClassNames[0]);
        Assert.Throws<InvalidDataException>(() => MatFileReader.Read(MatFixture.File(false, annos)[..200], "cut.mat"));
    }

    [Fact]
    public void File_dataset_prefetch_gives_the_same_batches_in_order()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 10; i++) dir.Write($"c{i % 2}/{i}.png", Png(i * 20, 5, 7));
        var ds = ClassFolderLoader.LoadImageFolder(dir.Path, "tiny", new ImageLoadOptions(6, 3, 3, ResizeMode.Stretch));
        var batches = new[] { new[] { 0, 1, 2 }, new[] { 9, 3 }, new[] { 4 }, new[] { 5, 6, 7, 8 } };
        int k = 0;
        foreach (var (indices, images) in ds.Prefetch(batches, depth: 2))
        {
            using (images)
            using (var direct = ds.LoadImages(indices))
            {
                Assert.Equal(batches[k], indices);
                Assert.Equal(new long[] { indices.Length, 3, 6, 3 }, images.shape);
                Assert.True(images.eq(direct).all().item<bool>());
            }
            k++;
        }
        Assert.Equal(4, k);
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.LoadImages([10]));
    }

    private static byte[] Jpeg(int v)
    {
        using var ms = new MemoryStream();
        new StbImageWriteSharp.ImageWriter().WriteJpg(Enumerable.Repeat((byte)v, 8 * 8 * 3).ToArray(), 8, 8, StbImageWriteSharp.ColorComponents.RedGreenBlue, ms, 90);
        return ms.ToArray();
    }
}
