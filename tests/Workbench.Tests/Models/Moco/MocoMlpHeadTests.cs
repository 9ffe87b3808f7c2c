using Workbench.Models.Backbones;
using Workbench.Models.Moco;

namespace Workbench.Tests.Models.Moco;

public class MocoMlpHeadTests
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
        Assert.Throws<ArgumentException>(() => new MocoMlpHead(0, 4, 4));
    }
}
