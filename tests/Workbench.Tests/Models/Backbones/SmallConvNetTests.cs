using Workbench.Models;
using Workbench.Models.Backbones;

namespace Workbench.Tests.Models.Backbones;

public class SmallConvNetTests
{
    [Fact]
    public void Default_grey_net_has_the_documented_size_and_shapes()
    {
        using var net = new SmallConvNet();
        // convs 1*32*9 + 32*64*9 + 64*128*9, BN affine 2*(32+64+128), fc 128*256 + 256.
        Assert.Equal(288 + 18_432 + 73_728 + 448 + 33_024, ModelAssert.ParameterCount(net));
        Assert.Equal(128, net.FeatureDimension);
        Assert.Equal(256, net.OutputDimension);
        using var x = randn(4, 1, 28, 28);
        using var y = net.call(x);
        Assert.Equal([4L, 256], y.shape);
        Assert.True(y.min().item<float>() >= 0f);
        using var f = net.Features(x);
        Assert.Equal([4L, 128], f.shape);
        Assert.Contains("features.0.conv.weight", net.state_dict().Keys);
        Assert.Contains("features.2.bn.running_var", net.state_dict().Keys);
    }

    [Fact]
    public void Rgb_and_custom_channels_and_no_fc()
    {
        using var net = new SmallConvNet(inputChannels: 3, channels: [16, 32], outputs: 0);
        Assert.False(net.HasClassifier);
        using var x = randn(2, 3, 32, 32);
        using var y = net.call(x);
        Assert.Equal([2L, 32], y.shape);
        Assert.Throws<ArgumentException>(() => new SmallConvNet(channels: []));
    }

    [Fact]
    public void Factory_creates_every_name_with_its_feature_dimension()
    {
        Assert.Equal(["smallconv", "resnet18-cifar", "resnet18", "resnet50"], BackboneFactory.Names);
        using var small = BackboneFactory.Create("smallconv");
        Assert.IsType<SmallConvNet>(small);
        Assert.Equal(1, small.InputChannels);
        Assert.Equal(BackboneFactory.FeatureDimension("smallconv"), small.FeatureDimension);
        using var cifar = BackboneFactory.Create("ResNet18-CIFAR");
        Assert.Equal("resnet18-cifar", cifar.Architecture);
        Assert.Equal(512, cifar.OutputDimension);
        Assert.Equal(2048, BackboneFactory.FeatureDimension("resnet50"));
        using var grey = BackboneFactory.Create("resnet18", new BackboneOptions { InputChannels = 1, ClassifierOutputs = 0 });
        Assert.Equal(512, grey.OutputDimension);
        Assert.Equal(1, grey.InputChannels);
        var e = Assert.Throws<ArgumentException>(() => BackboneFactory.Create("vgg16"));
        Assert.Contains("resnet18-cifar", e.Message);
    }

    [Fact]
    public void Factory_seed_makes_weights_reproducible()
    {
        using var a = BackboneFactory.Create("smallconv", new BackboneOptions { Seed = 3 });
        using var b = BackboneFactory.Create("smallconv", new BackboneOptions { Seed = 3 });
        using var c = BackboneFactory.Create("smallconv", new BackboneOptions { Seed = 4 });
        var sa = a.state_dict();
        var sb = b.state_dict();
        Assert.All(sa.Keys, k => Assert.True(ModelAssert.Identical(sa[k], sb[k]), k));
        Assert.False(ModelAssert.Identical(sa["fc.weight"], c.state_dict()["fc.weight"]));
    }

    [Fact]
    public void Training_step_changes_weights_and_backward_reaches_the_first_conv()
    {
        using var net = new SmallConvNet();
        using var x = randn(8, 1, 28, 28);
        using var y = net.call(x);
        using var loss = y.square().mean();
        loss.backward();
        var grad = net.state_dict()["features.0.conv.weight"].grad;
        Assert.NotNull(grad);
        Assert.True(grad!.abs().sum().item<float>() > 0f);
    }
}
