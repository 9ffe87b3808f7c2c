using Workbench.Models.Backbones;
using Workbench.Models.Heads;

namespace Workbench.Tests.Models.Heads;

public class ProjectionHeadTests
{
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
        Assert.Throws<ArgumentException>(() => new LinearEmbeddingHead(4, 0));
    }
}
