using Workbench.Models;
using Workbench.Models.Backbones;
using Workbench.Models.Heads;
using Workbench.Models.Moco;
using Workbench.Models.Weights;

namespace Workbench.Tests.Models.Weights;

public sealed class WeightLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wb-weights-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static SmallConvNet Net(int seed, int inputChannels = 1)
    {
        using var g = Workbench.Runtime.Seeding.NewGenerator("test", seed);
        return new SmallConvNet(inputChannels, generator: g);
    }

    [Fact]
    public void State_dict_round_trip_restores_every_tensor_and_the_output()
    {
        using var a = Net(1);
        using var warm = randn(8, 1, 28, 28);
        using (a.call(warm)) { } // move BN running stats away from their init
        a.eval();
        string file = PathOf("a.dat");
        StateDictFile.Write(file, a);

        using var b = Net(2);
        var report = b.LoadWeights(file);
        Assert.True(report.IsExact, report.ToString());
        Assert.Equal(a.state_dict().Count, report.Loaded.Count);
        var sa = a.state_dict();
        var sb = b.state_dict();
        Assert.All(sa.Keys, k => Assert.True(ModelAssert.Identical(sa[k], sb[k]), k));
        b.eval();
        using var x = randn(3, 1, 28, 28);
        using var ya = a.call(x);
        using var yb = b.call(x);
        Assert.True(ModelAssert.Identical(ya, yb));
    }

    [Fact]
    public void File_format_is_torchsharp_module_save_and_load()
    {
        using var a = Net(1);
        string saved = PathOf("saved.dat");
        a.save(saved);
        var entries = StateDictFile.Read(saved);
        Assert.Equal(a.state_dict().Keys, entries.Select(e => e.Key));
        Assert.All(entries, e => Assert.True(ModelAssert.Identical(a.state_dict()[e.Key], e.Value), e.Key));
        foreach (var (_, t) in entries) t.Dispose();

        string written = PathOf("written.dat");
        StateDictFile.Write(written, a);
        Assert.Equal(File.ReadAllBytes(saved), File.ReadAllBytes(written));
        using var b = Net(2);
        b.load(written);
        Assert.True(ModelAssert.Identical(a.state_dict()["fc.weight"], b.state_dict()["fc.weight"]));
    }

    [Fact]
    public void Moco_prefixed_checkpoint_loads_with_the_query_encoder_mapping()
    {
        using var source = ResNet.ResNet18(classes: 0);
        source.ReplaceClassifier(new MocoMlpHead(512, 512, 128), 128);
        var checkpoint = new List<KeyValuePair<string, Tensor>>();
        foreach (var (k, t) in source.state_dict())
        {
            checkpoint.Add(new("module.encoder_q." + k, t));
            checkpoint.Add(new("module.encoder_k." + k, zeros_like(t)));
        }
        using var queue = randn(128, 64);
        using var queuePtr = zeros(1, dtype: ScalarType.Int64);
        checkpoint.Add(new("module.queue", queue));
        checkpoint.Add(new("module.queue_ptr", queuePtr));
        string file = PathOf("moco.dat");
        StateDictFile.Write(file, checkpoint);

        using var target = ResNet.ResNet18(classes: 0);
        target.ReplaceClassifier(new MocoMlpHead(512, 512, 128), 128);
        Assert.Contains("fc.0.weight", target.state_dict().Keys);
        Assert.Contains("fc.2.bias", target.state_dict().Keys);

        // Without a mapping a strict load fails, loads nothing and names the prefix to strip.
        var before = target.state_dict()["layer1.0.conv1.weight"].clone();
        var e = Assert.Throws<WeightLoadException>(() => target.LoadWeights(file));
        Assert.Contains("module.encoder_q.", e.Message);
        Assert.Equal(source.state_dict().Count, e.Report.Missing.Count + e.Report.DefaultedBuffers.Count);
        Assert.True(ModelAssert.Identical(before, target.state_dict()["layer1.0.conv1.weight"]));

        var report = target.LoadWeights(file, new WeightLoadOptions { Mapping = KeyMapping.MocoQueryEncoder });
        Assert.True(report.IsExact, report.ToString());
        Assert.Equal(source.state_dict().Count + 2, report.Ignored.Count);
        var ss = source.state_dict();
        var st = target.state_dict();
        Assert.All(ss.Keys, k => Assert.True(ModelAssert.Identical(ss[k], st[k]), k));
    }

    [Fact]
    public void Classifier_of_another_size_is_a_shape_mismatch_unless_ignored_or_non_strict()
    {
        using var imagenet = ResNet.ResNet18();
        string file = PathOf("r18.dat");
        StateDictFile.Write(file, imagenet);
        using var ten = ResNet.ResNet18(classes: 10);
        var fcBefore = ten.state_dict()["fc.weight"].clone();

        var strict = Assert.Throws<WeightLoadException>(() => ten.LoadWeights(file));
        Assert.Single(strict.Report.ShapeMismatches, m => m.Key == "fc.weight");
        Assert.Contains("fc.weight: checkpoint [1000, 512] vs module [10, 512]", strict.Message);

        var ignored = ten.LoadWeights(file, new WeightLoadOptions { IgnorePrefixes = ["fc."] });
        Assert.True(ignored.IsExact, ignored.ToString());
        Assert.Equal(["fc.bias", "fc.weight"], ignored.Ignored.Order());

        var loose = ten.LoadWeights(file, new WeightLoadOptions { Strict = false });
        Assert.Equal(2, loose.ShapeMismatches.Count);
        Assert.True(ModelAssert.Identical(fcBefore, ten.state_dict()["fc.weight"]));
        Assert.True(ModelAssert.Identical(imagenet.state_dict()["layer4.1.conv2.weight"], ten.state_dict()["layer4.1.conv2.weight"]));
    }

    [Fact]
    public void Rgb_checkpoint_loads_into_a_grey_backbone_by_summing_the_first_conv()
    {
        using var rgb = Net(1, inputChannels: 3);
        using (rgb.call(randn(8, 3, 28, 28))) { }
        rgb.eval();
        string file = PathOf("rgb.dat");
        StateDictFile.Write(file, rgb);
        using var grey = Net(2, inputChannels: 1);
        var report = grey.LoadWeights(file);
        Assert.True(report.IsExact, report.ToString());
        Assert.Equal(["features.0.conv.weight"], report.AdaptedInputChannels);
        grey.eval();
        using var g = rand(4, 1, 28, 28);
        using var y = grey.call(g);
        using var g3 = g.repeat(1, 3, 1, 1);
        using var expected = rgb.call(g3);
        ModelAssert.Close(expected, y, 1e-5, "grey = RGB on replicated channels");
    }

    [Fact]
    public void Missing_num_batches_tracked_is_tolerated_like_pytorch()
    {
        using var a = Net(1);
        var entries = a.state_dict().Where(kv => !kv.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToList();
        using var b = Net(2);
        var report = WeightLoader.Load(b, entries);
        Assert.True(report.IsExact);
        Assert.Equal(3, report.DefaultedBuffers.Count);
    }

    [Fact]
    public void Corrupt_or_missing_files_give_clear_errors()
    {
        using var net = Net(1);
        Assert.Throws<FileNotFoundException>(() => net.LoadWeights(PathOf("nope.dat")));
        string junk = PathOf("junk.pth");
        File.WriteAllBytes(junk, [0x80, 0x02, 0x63, 0x74, 0x6f]);
        var e = Assert.Throws<InvalidDataException>(() => net.LoadWeights(junk));
        Assert.Contains("legacy (pre-1.6) format", e.Message);
        string zip = PathOf("damaged.pth");
        File.WriteAllBytes(zip, [0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
        Assert.ThrowsAny<Exception>(() => net.LoadWeights(zip));
        string other = PathOf("junk.dat");
        File.WriteAllBytes(other, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        var t = Assert.Throws<InvalidDataException>(() => net.LoadWeights(other));
        Assert.Contains("not a readable TorchSharp state-dict file", t.Message);
    }

    [Fact]
    public void Official_spq_checkpoint_names_load_into_backbone_and_head()
    {
        using var backbone = ResNet.ResNet18Cifar();
        using var head = new SoftQuantizationHead();
        var official = new List<KeyValuePair<string, Tensor>>();
        foreach (var (k, t) in backbone.state_dict())
        {
            string name = k.StartsWith("fc.", StringComparison.Ordinal) ? "fc_out." + k[3..] : k.Replace(".downsample.", ".shortcut.", StringComparison.Ordinal);
            official.Add(new("0." + name, t));
        }
        foreach (var (k, t) in head.state_dict()) official.Add(new("1." + k, t));
        Assert.Contains(official, e => e.Key == "0.layer2.0.shortcut.0.weight");
        string file = PathOf("spq.dat");
        StateDictFile.Write(file, official);

        using var b2 = ResNet.ResNet18Cifar();
        using var h2 = new SoftQuantizationHead();
        var rb = b2.LoadWeights(file, new WeightLoadOptions { Mapping = KeyMapping.SpqOfficialBackbone });
        var rh = WeightLoader.Load(h2, file, new WeightLoadOptions { Mapping = KeyMapping.SpqOfficialHead });
        Assert.True(rb.IsExact && rh.IsExact, rb + "\n" + rh);
        Assert.Equal(3, rb.Ignored.Count);
        Assert.True(ModelAssert.Identical(backbone.state_dict()["fc.weight"], b2.state_dict()["fc.weight"]));
        Assert.True(ModelAssert.Identical(backbone.state_dict()["layer3.0.downsample.1.running_var"], b2.state_dict()["layer3.0.downsample.1.running_var"]));
        Assert.True(ModelAssert.Identical(head.Codebook, h2.Codebook));
    }

    [Fact]
    public void Key_mapping_rules_apply_in_order_and_can_drop_keys()
    {
        var map = new KeyMapping { PrefixRules = [("0.fc_out.", "fc."), ("0.", ""), ("1.", "head.")], KeepUnmatched = false };
        Assert.Equal("fc.weight", map.Map("0.fc_out.weight"));
        Assert.Equal("layer1.0.conv1.weight", map.Map("0.layer1.0.conv1.weight"));
        Assert.Equal("head.C", map.Map("1.C"));
        Assert.Null(map.Map("queue"));
        var custom = KeyMapping.StripPrefix("module.") with { Custom = k => k.Replace(".shortcut.", ".downsample.", StringComparison.Ordinal) };
        Assert.Equal("layer2.0.downsample.0.weight", custom.Map("module.layer2.0.shortcut.0.weight"));
        Assert.Equal("conv1.weight", custom.Map("conv1.weight"));
    }
}
