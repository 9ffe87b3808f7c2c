using Workbench.Models.Layers;

namespace Workbench.Tests.Models.Layers;

public class SplitBatchNorm2dTests
{
    [Fact]
    public void Training_normalises_each_interleaved_split_and_averages_running_stats()
    {
        using var split = new SplitBatchNorm2d(3, 2);
        split.to(ScalarType.Float64);
        using (no_grad())
        {
            split.Weight.copy_(tensor(new[] { 1.5, 0.5, 2.0 }));
            split.Bias.copy_(tensor(new[] { 0.1, -0.2, 0.3 }));
        }
        using var x = randn(6, 3, 4, 4, dtype: ScalarType.Float64) * 2 + 1;
        using var y = split.call(x);

        // Reference: split s holds samples n with n mod 2 = s; each uses its own batch statistics.
        for (int s = 0; s < 2; s++)
        {
            using var idx = tensor(new long[] { s, s + 2, s + 4 });
            using var xs = x.index_select(0, idx);
            using var ys = y.index_select(0, idx);
            var mean = xs.mean([0, 2, 3], keepdim: true);
            var var = xs.var([0, 2, 3], unbiased: false, keepdim: true);
            var expected = (xs - mean) / (var + 1e-5).sqrt() * split.Weight.view(1, 3, 1, 1) + split.Bias.view(1, 3, 1, 1);
            ModelAssert.Close(expected, ys, 1e-10, $"split {s}");
        }

        // Running stats: average over splits of 0.9·init + 0.1·(batch mean, unbiased batch var).
        var means = new List<Tensor>();
        var vars = new List<Tensor>();
        for (int s = 0; s < 2; s++)
        {
            using var idx = tensor(new long[] { s, s + 2, s + 4 });
            var xs = x.index_select(0, idx);
            means.Add(xs.mean([0, 2, 3]) * 0.1);
            vars.Add(xs.var([0, 2, 3], unbiased: true) * 0.1 + 0.9);
        }
        ModelAssert.Close((means[0] + means[1]) / 2, split.RunningMean, 1e-12, "running mean");
        ModelAssert.Close((vars[0] + vars[1]) / 2, split.RunningVar, 1e-12, "running var");
        Assert.Equal(1L, split.state_dict()["num_batches_tracked"].item<long>());
    }

    [Fact]
    public void Eval_mode_and_one_split_equal_batchnorm2d()
    {
        using var bn = nn.BatchNorm2d(4);
        using var one = new SplitBatchNorm2d(4, 1);
        using var two = new SplitBatchNorm2d(4, 2);
        Assert.Equal(bn.state_dict().Keys.Order(), two.state_dict().Keys.Order());
        using var x = randn(8, 4, 3, 3);
        using var a = bn.call(x);
        using var b = one.call(x);
        ModelAssert.Close(a, b, 1e-6, "S = 1 train");
        ModelAssert.Close(bn.running_mean!, one.RunningMean, 1e-7, "S = 1 running mean");

        using (no_grad())
        {
            two.RunningMean.copy_(bn.running_mean!);
            two.RunningVar.copy_(bn.running_var!);
        }
        bn.eval();
        two.eval();
        using var c = bn.call(x);
        using var d = two.call(x);
        ModelAssert.Close(c, d, 1e-6, "eval");
    }

    [Fact]
    public void Odd_batch_in_training_is_refused_with_a_clear_message()
    {
        using var split = new SplitBatchNorm2d(2, 2);
        using var x = randn(3, 2, 2, 2);
        var e = Assert.Throws<ArgumentException>(() => split.call(x));
        Assert.Contains("divisible by 2", e.Message);
    }
}
