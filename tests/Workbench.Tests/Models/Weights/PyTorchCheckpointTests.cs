using Workbench.Models;
using Workbench.Models.Backbones;
using Workbench.Models.Heads;
using Workbench.Models.Moco;
using Workbench.Models.Weights;

namespace Workbench.Tests.Models.Weights;

/// <summary>Files written by PyTorch 1.13 load by API with outputs equal to PyTorch's (eval mode) within 1e-5.</summary>
public sealed class PyTorchCheckpointTests(PyTorchFixture files, Xunit.Abstractions.ITestOutputHelper log) : IClassFixture<PyTorchFixture>
{
    private const double Tolerance = 1e-5;

    private Tensor Expected(string key)
    {
        var entries = CheckpointFile.Read(files.PathOf("expected.pt"));
        Tensor? found = null;
        foreach (var (k, t) in entries)
        {
            if (k == key) found = t;
            else t.Dispose();
        }
        return found ?? throw new KeyNotFoundException(key);
    }

    private void AssertOutput(nn.Module<Tensor, Tensor> model, string input, string output)
    {
        model.eval();
        using var x = Expected(input);
        using var expected = Expected(output);
        using var _ = no_grad();
        using var y = model.call(x);
        Assert.Equal(expected.shape, y.shape);
        double diff = (y - expected).abs().max().item<float>();
        log.WriteLine($"{output}: max |PyTorch - workbench| = {diff:E2}");
        Assert.True(diff < Tolerance, $"max |PyTorch - workbench| = {diff:E2}");
    }

    [PyTorchFact]
    public void Plain_pth_state_dict_loads_strictly_and_matches_pytorch()
    {
        Assert.Equal(CheckpointFormat.PyTorchZip, CheckpointFile.Detect(files.PathOf("resnet18.pth")));
        using var net = ResNet.ResNet18(classes: 10);
        var report = net.LoadWeights(files.PathOf("resnet18.pth"));
        Assert.True(report.IsExact, report.ToString());
        Assert.Equal(net.state_dict().Count, report.Loaded.Count);
        AssertOutput(net, "input_imagenet", "resnet18.output");
    }

    [PyTorchFact]
    public void Moco_pth_tar_checkpoint_loads_its_query_encoder_and_head()
    {
        using var net = ResNet.ResNet18(classes: 0);
        net.ReplaceClassifier(new MocoMlpHead(512, 512, 128, normalize: true), 128);
        var report = WeightLoader.LoadDetected(net, files.PathOf("moco_resnet18.pth.tar"));
        Assert.True(report.IsExact, report.ToString());
        Assert.Contains("module.encoder_k.conv1.weight", report.Ignored);
        Assert.Contains("module.queue", report.Ignored);
        AssertOutput(net, "input_imagenet", "moco_resnet18.output");
    }

    [PyTorchFact]
    public void Safetensors_file_loads_into_the_cifar_resnet()
    {
        using var net = ResNet.ResNet18Cifar();
        var report = net.LoadWeights(files.PathOf("resnet18_cifar.safetensors"));
        Assert.True(report.IsExact, report.ToString());
        AssertOutput(net, "input_cifar", "resnet18_cifar.output");
    }

    [PyTorchFact]
    public void Official_spq_checkpoint_loads_with_its_key_mapping()
    {
        using var net = ResNet.ResNet18Cifar();
        var report = WeightLoader.LoadDetected(net, files.PathOf("spq_official.pt"));
        Assert.True(report.IsExact, report.ToString());
        Assert.Equal(["1.C", "1.fc.bias", "1.fc.weight"], report.Ignored.Order(StringComparer.Ordinal));
        AssertOutput(net, "input_cifar", "spq_official.output");
    }

    [PyTorchFact]
    public void Strict_load_reports_missing_unexpected_and_misshaped_keys_and_loads_nothing()
    {
        using var net = ResNet.ResNet18Cifar(outputs: 256);
        using var before = net.state_dict()["conv1.weight"].clone();
        var e = Assert.Throws<WeightLoadException>(() => net.LoadWeights(files.PathOf("resnet18.pth")));
        Assert.Contains(e.Report.ShapeMismatches, m => m.Key == "conv1.weight" && m.Checkpoint.SequenceEqual(new long[] { 64, 3, 7, 7 }));
        Assert.Contains(e.Report.ShapeMismatches, m => m.Key == "fc.weight");
        Assert.True(ModelAssert.Identical(net.state_dict()["conv1.weight"], before), "a failed strict load changed the weights");

        using var plain = ResNet.ResNet18(classes: 10);
        var moco = Assert.Throws<WeightLoadException>(() => plain.LoadWeights(files.PathOf("moco_resnet18.pth.tar")));
        Assert.Contains("module.encoder_q.conv1.weight", moco.Report.Unexpected);
        Assert.Contains("conv1.weight", moco.Report.Missing);
        Assert.StartsWith("module.encoder_", moco.Report.SuggestedPrefix);
        Assert.Contains("KeyMapping.MocoQueryEncoder", moco.Message);
    }

    [PyTorchFact]
    public void Init_loads_the_features_of_an_rgb_checkpoint_into_a_grey_backbone_and_keeps_the_head()
    {
        using var net = (ResNet)BackboneFactory.Create("resnet18", new BackboneOptions { InputChannels = 1, ClassifierOutputs = 7 });
        using var head = net.state_dict()["fc.weight"].clone();
        var report = net.LoadInit(files.PathOf("moco_resnet18.pth.tar"));
        Assert.Equal(["conv1.weight"], report.AdaptedInputChannels);
        Assert.True(ModelAssert.Identical(net.state_dict()["fc.weight"], head));
        Assert.Contains("module.encoder_q.fc.0.weight", report.Ignored);
    }
}
