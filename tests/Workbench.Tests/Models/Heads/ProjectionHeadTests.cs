using Workbench.Models.Backbones;
using Workbench.Models.Heads;
using Workbench.Models.Moco;

namespace Workbench.Tests.Models.Heads;

public class ProjectionHeadTests
{
    [Fact]
    public void Moco_mlp_head_has_sequential_names_and_unit_outputs()
    {
        using var head = new MocoMlpHead(32, 16, 8);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], head.state_dict().Keys);
        Assert.Equal(32 * 16 + 16 + 16 * 8 + 8, ModelAssert.ParameterCount(head));
        using var x = randn(5, 32, dtype: ScalarType.Float64);
        head.to(ScalarType.Float64);
        using var y = head.call(x);
        Assert.Equal([5L, 8], y.shape);
        ModelAssert.Close(ones(5, dtype: ScalarType.Float64), y.norm(1), 1e-12, "row norms");

        var sd = head.state_dict();
        var h = (x.matmul(sd["0.weight"].t()) + sd["0.bias"]).relu();
        var z = h.matmul(sd["2.weight"].t()) + sd["2.bias"];
        ModelAssert.Close(z / z.norm(1, keepdim: true), y, 1e-12, "MLP");
    }

    [Fact]
    public void Moco_head_as_resnet50_classifier_matches_moco_key_layout()
    {
        using var net = ResNet.ResNet50(classes: 0);
        net.ReplaceClassifier(new MocoMlpHead(), 128);
        var keys = net.state_dict().Keys.ToList();
        Assert.Contains("fc.0.weight", keys);
        Assert.Contains("fc.2.weight", keys);
        Assert.Equal([128L, 2048], net.state_dict()["fc.2.weight"].shape);
        Assert.Equal(128, net.OutputDimension);
        // torchvision resnet50 without its fc (23,508,032) + 2048*2048+2048 + 2048*128+128.
        Assert.Equal(23_508_032 + 4_196_352 + 262_272, ModelAssert.ParameterCount(net));
    }

    [Fact]
    public void Linear_embedding_head_is_an_affine_map_optionally_normalised()
    {
        using var head = new LinearEmbeddingHead(12, 64, normalize: false);
        Assert.Equal(["weight", "bias"], head.state_dict().Keys);
        using var x = randn(7, 12);
        using var y = head.call(x);
        Assert.Equal([7L, 64], y.shape);
        var sd = head.state_dict();
        ModelAssert.Close(x.matmul(sd["weight"].t()) + sd["bias"], y, 1e-5, "affine");

        using var unit = new LinearEmbeddingHead(12, 64);
        using var yu = unit.call(x);
        ModelAssert.Close(ones(7), yu.norm(1), 1e-5, "normalised rows");

        using var net = ResNet.ResNet18(classes: 0);
        net.ReplaceClassifier(new LinearEmbeddingHead(512, 64), 64);
        Assert.Equal([64L, 512], net.state_dict()["fc.weight"].shape);
        using var img = randn(2, 3, 32, 32);
        using var e = net.call(img);
        Assert.Equal([2L, 64], e.shape);
    }

    [Fact]
    public void Heads_take_a_device_and_reject_bad_sizes()
    {
        using var head = new LinearEmbeddingHead(4, 2, device: CPU);
        Assert.Equal(DeviceType.CPU, head.Weight.device_type);
        Assert.Throws<ArgumentException>(() => new MocoMlpHead(0, 4, 4));
        Assert.Throws<ArgumentException>(() => new LinearEmbeddingHead(4, 0));
    }
}
