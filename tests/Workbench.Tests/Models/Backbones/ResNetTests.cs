using TorchSharp.Modules;
using Workbench.Models;
using Workbench.Models.Backbones;
using Workbench.Models.Layers;

namespace Workbench.Tests.Models.Backbones;

public class ResNetTests
{
    [Fact]
    public void ResNet18_matches_torchvision_parameter_count_and_state_dict_names()
    {
        using var net = ResNet.ResNet18();
        Assert.Equal(11_689_512, ModelAssert.ParameterCount(net));
        var keys = net.state_dict().Keys.ToList();
        // torchvision: 62 parameters + 20 BN layers x 3 buffers.
        Assert.Equal(122, keys.Count);
        foreach (var k in new[]
        {
            "conv1.weight", "bn1.weight", "bn1.running_mean", "bn1.num_batches_tracked",
            "layer1.0.conv1.weight", "layer1.1.bn2.running_var", "layer2.0.downsample.0.weight",
            "layer2.0.downsample.1.bias", "layer4.1.conv2.weight", "fc.weight", "fc.bias",
        })
        {
            Assert.Contains(k, keys);
        }
        Assert.DoesNotContain("layer1.0.downsample.0.weight", keys);
        Assert.Equal([64L, 3, 7, 7], net.state_dict()["conv1.weight"].shape);
        Assert.Equal([1000L, 512], net.state_dict()["fc.weight"].shape);
    }

    [Fact]
    public void ResNet50_matches_torchvision_parameter_count_and_state_dict_names()
    {
        using var net = ResNet.ResNet50();
        Assert.Equal(25_557_032, ModelAssert.ParameterCount(net));
        var sd = net.state_dict();
        // torchvision: 161 parameters + 53 BN layers x 3 buffers.
        Assert.Equal(320, sd.Count);
        Assert.Equal([256L, 64, 1, 1], sd["layer1.0.downsample.0.weight"].shape);
        Assert.Equal([128L, 128, 3, 3], sd["layer2.0.conv2.weight"].shape);
        Assert.Equal([2048L, 512, 1, 1], sd["layer4.2.conv3.weight"].shape);
        Assert.Equal([1000L, 2048], sd["fc.weight"].shape);
        Assert.Equal(2048, net.FeatureDimension);
    }

    [Fact]
    public void Cifar_resnet18_has_3x3_stem_no_maxpool_and_fc512_relu()
    {
        using var net = ResNet.ResNet18Cifar();
        // torchvision resnet18 minus the 7x7 stem and 1000-way fc, plus a 3x3 stem and fc 512 -> 512.
        long expected = 11_689_512 - 64 * 3 * 49 - (512 * 1000 + 1000) + 64 * 3 * 9 + (512 * 512 + 512);
        Assert.Equal(expected, ModelAssert.ParameterCount(net));
        Assert.Equal([64L, 3, 3, 3], net.state_dict()["conv1.weight"].shape);
        Assert.DoesNotContain(net.named_modules(), m => m.name == "maxpool");
        net.eval();
        using var x = randn(2, 3, 32, 32);
        using var y = net.call(x);
        Assert.Equal([2L, 512], y.shape);
        Assert.True(y.min().item<float>() >= 0f, "SPQ's backbone ends with ReLU");
        Assert.True(net.ReluAfterClassifier);
    }

    [Fact]
    public void Forward_shapes_of_imagenet_stem_networks_on_small_inputs()
    {
        using var r18 = ResNet.ResNet18(classes: 10);
        using var x = randn(2, 3, 64, 64);
        using var logits = r18.call(x);
        Assert.Equal([2L, 10], logits.shape);
        using var features = r18.Features(x);
        Assert.Equal([2L, 512], features.shape);

        using var r50 = ResNet.ResNet50(classes: 0);
        Assert.False(r50.HasClassifier);
        r50.eval();
        using var small = randn(2, 3, 32, 32);
        using var f50 = r50.call(small);
        Assert.Equal([2L, 2048], f50.shape);
    }

    [Fact]
    public void Grey_input_channels_and_wrong_channel_count_is_reported()
    {
        using var grey = ResNet.ResNet18(classes: 0, inputChannels: 1);
        Assert.Equal([64L, 1, 7, 7], grey.state_dict()["conv1.weight"].shape);
        using var x = randn(2, 1, 32, 32);
        using var y = grey.call(x);
        Assert.Equal([2L, 512], y.shape);
        using var rgb = randn(2, 3, 32, 32);
        var e = Assert.Throws<ArgumentException>(() => grey.call(rgb));
        Assert.Contains("[N, 1, H, W]", e.Message);
    }

    [Fact]
    public void Replace_and_remove_classifier_change_keys_and_output_dimension()
    {
        using var net = ResNet.ResNet18();
        net.eval();
        using var x = randn(2, 3, 32, 32);
        net.ReplaceClassifier(7);
        Assert.Equal(7, net.OutputDimension);
        Assert.Equal([7L, 512], net.state_dict()["fc.weight"].shape);
        using (var y = net.call(x)) Assert.Equal([2L, 7], y.shape);

        net.RemoveClassifier();
        Assert.Equal(512, net.OutputDimension);
        Assert.DoesNotContain(net.state_dict().Keys, k => k.StartsWith("fc.", StringComparison.Ordinal));
        using (var y = net.call(x)) Assert.Equal([2L, 512], y.shape);
        Assert.Equal(11_689_512 - 513_000, ModelAssert.ParameterCount(net));
    }

    [Fact]
    public void Zero_init_residual_zeroes_the_last_bn_of_every_block()
    {
        using var net = new ResNet(new ResNetConfig { ZeroInitResidual = true, ClassifierOutputs = 0 });
        var sd = net.state_dict();
        Assert.Equal(0.0, sd["layer1.0.bn2.weight"].abs().sum().item<float>());
        Assert.Equal(0.0, sd["layer4.1.bn2.weight"].abs().sum().item<float>());
        Assert.Equal(64.0, sd["layer1.0.bn1.weight"].sum().item<float>());
    }

    [Fact]
    public void Split_batch_norm_option_builds_split_layers_with_batchnorm_names()
    {
        using var net = new ResNet(new ResNetConfig { BatchNormSplits = 2, ClassifierOutputs = 0 });
        Assert.Contains(net.named_modules(), m => m.module is SplitBatchNorm2d);
        Assert.DoesNotContain(net.named_modules(), m => m.module is BatchNorm2d);
        using var plain = ResNet.ResNet18(classes: 0);
        Assert.Equal(plain.state_dict().Keys.Order(), net.state_dict().Keys.Order());
    }

    [Fact]
    public void Same_generator_seed_gives_identical_weights()
    {
        using var g1 = Workbench.Runtime.Seeding.NewGenerator("backbone-init", 5);
        using var g2 = Workbench.Runtime.Seeding.NewGenerator("backbone-init", 5);
        using var g3 = Workbench.Runtime.Seeding.NewGenerator("backbone-init", 6);
        using var a = ResNet.ResNet18Cifar(generator: g1);
        using var b = ResNet.ResNet18Cifar(generator: g2);
        using var c = ResNet.ResNet18Cifar(generator: g3);
        var sa = a.state_dict();
        var sb = b.state_dict();
        var sc = c.state_dict();
        Assert.All(sa.Keys, k => Assert.True(ModelAssert.Identical(sa[k], sb[k]), k));
        Assert.False(ModelAssert.Identical(sa["layer3.0.conv1.weight"], sc["layer3.0.conv1.weight"]));
    }

    [Fact]
    public void Kaiming_fan_out_init_has_the_expected_spread()
    {
        using var g = Workbench.Runtime.Seeding.NewGenerator("init-test", 1);
        using var net = ResNet.ResNet18(generator: g);
        var w = net.state_dict()["layer3.0.conv2.weight"]; // [256, 256, 3, 3], fan_out = 256*9
        double expected = Math.Sqrt(2.0 / (256 * 9));
        double std = w.std().item<float>();
        Assert.InRange(std, expected * 0.97, expected * 1.03);
        Assert.InRange(w.mean().item<float>(), -expected * 0.02, expected * 0.02);
    }
}
