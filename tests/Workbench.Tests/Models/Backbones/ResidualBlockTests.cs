using Workbench.Models.Backbones;
using Workbench.Models.Layers;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Tests.Models.Backbones;

/// <summary>Each block against the same arithmetic written with functional ops from its own state dict.</summary>
public class ResidualBlockTests
{
    private static readonly Func<long, nn.Module<Tensor, Tensor>> Bn = NormLayers.BatchNorm();

    [Fact]
    public void Basic_block_with_downsample_equals_its_functional_definition()
    {
        using var block = new BasicBlock(8, 16, 2, nn.Sequential(nn.Conv2d(8, 16, 1, stride: 2, bias: false), Bn(16)), Bn);
        var sd = Randomise(block);
        block.eval();
        using var x = randn(3, 8, 9, 9, dtype: ScalarType.Float64);
        block.to(ScalarType.Float64);
        sd = block.state_dict();
        using var actual = block.call(x);

        var a = F.relu(BatchNorm(F.conv2d(x, sd["conv1.weight"], strides: [2, 2], padding: [1, 1]), sd, "bn1"));
        var b = BatchNorm(F.conv2d(a, sd["conv2.weight"], padding: [1, 1]), sd, "bn2");
        var identity = BatchNorm(F.conv2d(x, sd["downsample.0.weight"], strides: [2, 2]), sd, "downsample.1");
        using var expected = F.relu(b + identity);
        Assert.Equal([3L, 16, 5, 5], actual.shape);
        ModelAssert.Close(expected, actual, 1e-10, "BasicBlock");
    }

    [Fact]
    public void Bottleneck_puts_the_stride_on_the_3x3_convolution()
    {
        using var block = new Bottleneck(8, 4, 2, nn.Sequential(nn.Conv2d(8, 16, 1, stride: 2, bias: false), Bn(16)), Bn);
        Randomise(block);
        block.eval();
        block.to(ScalarType.Float64);
        var sd = block.state_dict();
        using var x = randn(2, 8, 8, 8, dtype: ScalarType.Float64);
        using var actual = block.call(x);

        var a = F.relu(BatchNorm(F.conv2d(x, sd["conv1.weight"]), sd, "bn1"));
        var b = F.relu(BatchNorm(F.conv2d(a, sd["conv2.weight"], strides: [2, 2], padding: [1, 1]), sd, "bn2"));
        var c = BatchNorm(F.conv2d(b, sd["conv3.weight"]), sd, "bn3");
        var identity = BatchNorm(F.conv2d(x, sd["downsample.0.weight"], strides: [2, 2]), sd, "downsample.1");
        using var expected = F.relu(c + identity);
        Assert.Equal([2L, 16, 4, 4], actual.shape);
        ModelAssert.Close(expected, actual, 1e-10, "Bottleneck");

        // The original-paper placement (stride on the first 1x1) gives a different result.
        var a1 = F.relu(BatchNorm(F.conv2d(x, sd["conv1.weight"], strides: [2, 2]), sd, "bn1"));
        var b1 = F.relu(BatchNorm(F.conv2d(a1, sd["conv2.weight"], padding: [1, 1]), sd, "bn2"));
        using var v1 = F.relu(BatchNorm(F.conv2d(b1, sd["conv3.weight"]), sd, "bn3") + identity);
        Assert.True(ModelAssert.MaxAbsDiff(v1, actual) > 1e-3);
    }

    [Fact]
    public void Identity_shortcut_block_adds_its_input()
    {
        using var block = new BasicBlock(6, 6, 1, null, Bn);
        Randomise(block);
        block.eval();
        block.to(ScalarType.Float64);
        var sd = block.state_dict();
        using var x = randn(2, 6, 5, 5, dtype: ScalarType.Float64);
        using var actual = block.call(x);
        var a = F.relu(BatchNorm(F.conv2d(x, sd["conv1.weight"], padding: [1, 1]), sd, "bn1"));
        var b = BatchNorm(F.conv2d(a, sd["conv2.weight"], padding: [1, 1]), sd, "bn2");
        using var expected = F.relu(b + x);
        ModelAssert.Close(expected, actual, 1e-10, "identity block");
    }

    private static Tensor BatchNorm(Tensor x, Dictionary<string, Tensor> sd, string name)
    {
        var shape = new long[] { 1, -1, 1, 1 };
        var mean = sd[name + ".running_mean"].view(shape);
        var std = (sd[name + ".running_var"] + 1e-5).sqrt().view(shape);
        return (x - mean) / std * sd[name + ".weight"].view(shape) + sd[name + ".bias"].view(shape);
    }

    private static Dictionary<string, Tensor> Randomise(nn.Module module)
    {
        var sd = module.state_dict();
        using var _ = no_grad();
        foreach (var (k, t) in sd)
        {
            if (k.EndsWith("running_var", StringComparison.Ordinal)) t.uniform_(0.5, 2.0);
            else if (k.EndsWith("running_mean", StringComparison.Ordinal) || k.EndsWith("bias", StringComparison.Ordinal)) t.normal_(0, 0.3);
            else if (k.EndsWith(".weight", StringComparison.Ordinal) && t.dim() == 1) t.uniform_(0.5, 1.5);
        }
        return sd;
    }
}
