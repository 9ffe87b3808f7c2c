using System.IO.Compression;
using System.Security.Cryptography;
using Workbench.Data;
using Workbench.Data.Catalog;
using Workbench.Data.Loaders;
using Workbench.Data.Loaders.Fonts;

namespace Workbench.Tests.Data;

/// <summary>Checks on the installed real datasets (skipped visibly when they are not installed; see <see cref="RealDataFactAttribute"/>).</summary>
public class RealDataTests
{
    private static readonly DataRoot Root = DataRoot.Resolve();

    [RealDataFact("fashion-mnist")]
    public void Fashion_mnist_has_the_verified_files_counts_and_pixels()
    {
        var dir = FashionMnistLoader.Locate(Root)!;
        string Md5(string file)
        {
            using var gz = new GZipStream(File.OpenRead(Path.Combine(dir, file)), CompressionMode.Decompress);
            return Convert.ToHexStringLower(MD5.HashData(gz));
        }
        Assert.Equal("9018921c3c673c538a1fc5bad174d6f9", Md5("train-labels-idx1-ubyte.gz"));
        Assert.Equal("15d484375f8d13e6eb1aabb0c3f46965", Md5("t10k-labels-idx1-ubyte.gz"));
        using var train = FashionMnistLoader.Load(Root, DatasetSplit.Train);
        using var test = FashionMnistLoader.Load(Root, DatasetSplit.Test);
        Assert.All(train.ClassCounts(), c => Assert.Equal(6000, c));
        Assert.All(test.ClassCounts(), c => Assert.Equal(1000, c));
        Assert.Equal((1, 28, 28), (train.Channels, train.Height, train.Width));
        double mean = train.Images.to_type(ScalarType.Float32).mean().item<float>();
        Assert.InRange(mean, 72.0, 74.0); // Fashion-MNIST's train mean is 0.2860 * 255 = 72.9
    }

    [RealDataFact("mnist-10k")]
    public void Mnist_10k_matches_the_verified_class_counts()
    {
        using var ds = Mnist10kLoader.Load(Root);
        Assert.Equal(Mnist10kLoader.ClassCounts, ds.ClassCounts());
        Assert.InRange(ds.Images.to_type(ScalarType.Float32).mean().item<float>(), 30.0, 37.0); // MNIST's mean is 0.1307 * 255 = 33.3
    }

    [RealDataFact("optdigits-8x8")]
    public void Optdigits_matches_the_verified_class_counts()
    {
        using var ds = OptDigitsLoader.Load(Root);
        Assert.Equal(OptDigitsLoader.ClassCounts, ds.ClassCounts());
        Assert.Equal((8, 8), (ds.Height, ds.Width));
    }

    [RealDataFact("emoji-office")]
    public void Emoji_sets_have_the_same_classes_in_every_domain_on_white()
    {
        foreach (var name in new[] { "emoji-office", "emoji-7" }) // emoji-office-41 differs only by its class filter; `workbench data verify` covers it
        {
            var result = DatasetCatalog.Verify(name, new DatasetOptions { Root = Root });
            Assert.True(result.Ok, $"{name}: {string.Join("; ", result.Problems)}");
        }
        var ds = (InMemoryImageDataset)DatasetCatalog.Load("emoji-7", new DatasetOptions { Root = Root });
        var noto = ds.ByDomain("noto");
        var symbola = ds.ByDomain("symbola");
        Assert.Equal(noto.ClassCounts(), symbola.ClassCounts());
        Assert.True(ds.Images[TensorIndex.Colon, TensorIndex.Colon, 0, 0].eq(255).all().item<bool>(), "every image is composited on white (the corner is paper)");
        using var sym = symbola.LoadAll();
        using var col = noto.LoadAll();
        var spread = (sym[TensorIndex.Colon, 0].to_type(ScalarType.Float32) - sym[TensorIndex.Colon, 1].to_type(ScalarType.Float32)).abs().max().item<float>();
        Assert.Equal(0, spread); // Symbola is grey line art (R = G = B)
        Assert.True((col[TensorIndex.Colon, 0].to_type(ScalarType.Float32) - col[TensorIndex.Colon, 2].to_type(ScalarType.Float32)).abs().max().item<float>() > 100, "Noto is colour");
    }

    [RealDataFact("fonts")]
    public void Fonts_have_the_verified_faces_per_style_and_render_all_62_characters()
    {
        var fonts = FontGlyphLoader.UsableFonts(Root);
        var perStyle = fonts.GroupBy(f => f.Style).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        Assert.Equal(new[] { 35, 101, 102, 74, 388 }, perStyle);
        var sample = new[] { fonts[0], fonts[40], fonts[^1] };
        using var ds = FontGlyphLoader.Render(sample, 24, "fonts-sample");
        Assert.Equal(3 * 62, ds.Count);
        var ink = ds.Images.to_type(ScalarType.Float32).amax([1, 2, 3]);
        Assert.True(ink.ge(200).all().item<bool>(), "every glyph has ink");
        using var train = FontGlyphLoader.Render(sample, 16, "x").ByClasses(FontGlyphLoader.TrainCharacters.Select(c => (long)FontGlyphLoader.Characters.IndexOf(c))).Materialize();
        Assert.Equal(31, train.ClassNames.Count);
        Assert.Equal("A", train.ClassNames[0]);
    }
}
