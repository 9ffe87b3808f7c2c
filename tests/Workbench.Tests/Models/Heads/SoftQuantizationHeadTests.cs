using Workbench.Losses;
using Workbench.Models.Heads;
using Workbench.Runtime;

namespace Workbench.Tests.Models.Heads;

public class SoftQuantizationHeadTests
{
    private static SoftQuantizationHead Head(int m = 4, int k = 8, int d = 3, long input = 10, QuantizationMode mode = QuantizationMode.Soft,
        QuantizationHeadInit init = QuantizationHeadInit.XavierUniformWithBias, double tau = 0.2, long seed = 1)
    {
        using var g = Seeding.NewGenerator("head", seed);
        return new SoftQuantizationHead(new SoftQuantizationOptions
        {
            Codebooks = m, Codewords = k, CodewordDimension = d, InputDimension = input, Mode = mode, Init = init, Temperature = tau,
        }, generator: g);
    }

    [Fact]
    public void Forward_shapes_state_dict_names_and_codebook_layouts()
    {
        using var head = Head();
        Assert.Equal(["C", "fc.bias", "fc.weight"], head.state_dict().Keys.Order());
        Assert.Equal([8L, 12], head.Codebook.shape);
        using var f = randn(5, 10);
        var (x, z) = head.call(f);
        Assert.Equal([5L, 12], x.shape);
        Assert.Equal([5L, 12], z.shape);
        Assert.Equal(12, head.Bits);

        using var sub = head.SubCodebooks();
        Assert.Equal([4L, 8, 3], sub.shape);
        Assert.False(sub.requires_grad);
        for (int m = 0; m < 4; m++)
        {
            for (int k = 0; k < 8; k++)
            {
                using var expected = head.Codebook[k].narrow(0, m * 3, 3);
                Assert.True(ModelAssert.Identical(expected, sub[m, k]));
            }
        }
        x.Dispose();
        z.Dispose();
    }

    [Theory]
    // float32: the softmax over codeword distances is computed in another order than the loop's (CPU kernels differ
    // by instruction set), so about 1e-6 of rounding is expected; 5e-6 still catches any wrong term (errors are ~1e-1).
    [InlineData(ScalarType.Float32, 5e-6)]
    [InlineData(ScalarType.Float64, 1e-13)]
    public void Soft_quantization_equals_a_brute_force_loop(ScalarType dtype, double atol)
    {
        using var head = Head();
        head.to(dtype);
        Assert.Equal(dtype, head.Codebook.dtype);
        Assert.Same(head.Codebook, head.state_dict()["C"]);
        using var f = randn(6, 10, dtype: dtype);
        var (x, z) = head.call(f);
        double[] xs = Flat(x);
        double[] cs = Flat(head.Codebook);
        int n = 6, mBooks = 4, kWords = 8, d = 3, dim = 12;
        var expected = new double[n * dim];
        for (int i = 0; i < n; i++)
        {
            for (int m = 0; m < mBooks; m++)
            {
                var logits = new double[kWords];
                for (int k = 0; k < kWords; k++)
                {
                    double dist = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double diff = xs[i * dim + m * d + j] - cs[k * dim + m * d + j];
                        dist += diff * diff;
                    }
                    logits[k] = -dist * 5.0; // / tau_q = 0.2
                }
                double max = logits.Max();
                double sum = logits.Sum(l => Math.Exp(l - max));
                for (int k = 0; k < kWords; k++)
                {
                    double weight = Math.Exp(logits[k] - max) / sum;
                    for (int j = 0; j < d; j++) expected[i * dim + m * d + j] += weight * cs[k * dim + m * d + j];
                }
            }
        }
        using var reference = tensor(expected, dtype: ScalarType.Float64).view(n, dim);
        Assert.Equal(dtype, z.dtype);
        ModelAssert.Close(reference, z, atol, $"soft quantization {dtype}");
        using var p = head.AssignmentProbabilities(x);
        ModelAssert.Close(ones(n, mBooks, dtype: ScalarType.Float64), p.sum(-1), atol * 10, "probabilities sum to 1");
        x.Dispose();
        z.Dispose();
    }

    [Fact]
    public void Gradients_reach_descriptor_layer_and_every_codeword_in_soft_mode()
    {
        using var head = Head();
        using var fa = randn(8, 10);
        using var fb = randn(8, 10);
        var (xa, za) = head.call(fa);
        var (xb, zb) = head.call(fb);
        using var loss = new CrossQuantizedContrastiveLoss().call(xa, xb, za, zb);
        loss.backward();
        Assert.True(head.Projection.weight.grad!.abs().sum().item<float>() > 0f);
        using var perCodeword = head.Codebook.grad!.abs().sum(1);
        Assert.True(perCodeword.gt(0).all().item<bool>(), "soft assignment gives every codeword a gradient");
    }

    [Fact]
    public void Gradient_reaches_the_descriptor_through_the_soft_quantizer()
    {
        using var head = Head();
        using var x = randn(5, 12).requires_grad_(true);
        using var z = head.Quantize(x);
        using var s = z.square().sum();
        s.backward();
        Assert.True(x.grad!.abs().sum().item<float>() > 0f);
    }

    [Fact]
    public void Hard_mode_gives_selected_codewords_a_gradient_and_the_descriptor_none()
    {
        using var head = Head(mode: QuantizationMode.Hard);
        using var x = randn(5, 12).requires_grad_(true);
        using var z = head.Quantize(x);
        using var s = z.square().sum();
        s.backward();
        Assert.True(x.grad is null || x.grad.abs().sum().item<float>() == 0f, "argmin has no gradient");
        using var codes = head.Encode(x);
        var used = new HashSet<(int, int)>();
        for (int i = 0; i < 5; i++) for (int m = 0; m < 4; m++) used.Add((m, (int)codes[i, m].item<long>()));
        using var sub = head.Codebook.grad!.view(8, 4, 3).abs().sum(-1); // [K, M]
        for (int k = 0; k < 8; k++)
        {
            for (int m = 0; m < 4; m++)
            {
                bool hasGrad = sub[k, m].item<float>() > 0f;
                Assert.Equal(used.Contains((m, k)), hasGrad);
            }
        }
    }

    [Fact]
    public void Straight_through_forwards_hard_values_and_backpropagates_soft_gradients()
    {
        using var st = Head(mode: QuantizationMode.HardStraightThrough);
        using var soft = Head(mode: QuantizationMode.Soft);
        using var hard = Head(mode: QuantizationMode.Hard);
        using var x0 = randn(5, 12);
        using var xs = x0.clone().requires_grad_(true);
        using var xt = x0.clone().requires_grad_(true);
        using var zt = st.Quantize(xt);
        using var zh = hard.Quantize(x0);
        ModelAssert.Close(zh, zt, 1e-6, "forward = hard");
        using var w = randn(5, 12);
        using var lt = (zt * w).sum();
        lt.backward();
        using var zs = soft.Quantize(xs);
        using var ls = (zs * w).sum();
        ls.backward();
        ModelAssert.Close(xs.grad!, xt.grad!, 1e-6, "descriptor gradient = soft");
        ModelAssert.Close(soft.Codebook.grad!, st.Codebook.grad!, 1e-6, "codebook gradient = soft");
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void As_tau_goes_to_zero_soft_quantization_equals_hard_assignment(ScalarType dtype)
    {
        using var cold = Head(tau: 1e-7);
        cold.to(dtype);
        using var x = randn(50, 12, dtype: dtype);
        using var zSoft = cold.Quantize(x);
        using var zHard = SoftQuantizer.Hard(x, cold.Codebook, 4);
        ModelAssert.Close(zHard, zSoft, dtype == ScalarType.Float32 ? 1e-6 : 1e-12, "tau -> 0");
        using var p = cold.AssignmentProbabilities(x);
        using var codes = cold.Encode(x);
        using var argmax = p.argmax(-1);
        Assert.True(ModelAssert.Identical(codes, argmax));

        // At the default temperature the two differ.
        using var warm = Head(tau: 0.2);
        warm.to(dtype);
        using var zWarm = warm.Quantize(x);
        Assert.True(ModelAssert.MaxAbsDiff(zHard, zWarm) > 1e-3);
    }

    [Fact]
    public void Encode_is_the_argmin_and_decode_rebuilds_the_hard_quantization()
    {
        using var head = Head();
        using var x = randn(9, 12);
        using var codes = head.Encode(x);
        Assert.Equal([9L, 4], codes.shape);
        Assert.Equal(ScalarType.Int64, codes.dtype);
        float[] xs = x.data<float>().ToArray();
        float[] cs = head.Codebook.detach().data<float>().ToArray();
        for (int i = 0; i < 9; i++)
        {
            for (int m = 0; m < 4; m++)
            {
                int best = 0;
                double bestDist = double.MaxValue;
                for (int k = 0; k < 8; k++)
                {
                    double dist = 0;
                    for (int j = 0; j < 3; j++) dist += Math.Pow(xs[i * 12 + m * 3 + j] - cs[k * 12 + m * 3 + j], 2);
                    if (dist < bestDist) (best, bestDist) = (k, dist);
                }
                Assert.Equal(best, codes[i, m].item<long>());
            }
        }
        using var decoded = SoftQuantizer.Decode(codes, head.Codebook, 4);
        using var hard = SoftQuantizer.Hard(x, head.Codebook, 4);
        Assert.True(ModelAssert.Identical(hard, decoded));
    }

    [Fact]
    public void Encoding_a_large_database_in_chunks_equals_one_pass()
    {
        // 2^23 / (K * M * d) = 2^23 / 2048 = 4096 rows per chunk at the SPQ 32-bit shape.
        using var head = new SoftQuantizationHead(new SoftQuantizationOptions { InputDimension = 4 });
        using var x = randn(4100, 128);
        using var chunked = head.Encode(x);
        using var distances = SoftQuantizer.SquaredDistances(x, head.Codebook.detach(), 8);
        using var direct = distances.argmin(-1);
        Assert.True(ModelAssert.Identical(direct, chunked));
    }

    [Fact]
    public void Init_variants_follow_the_official_history()
    {
        using var current = Head(m: 8, k: 16, d: 16, input: 512);
        double bound = Math.Sqrt(6.0 / (16 + 128));
        Assert.True(current.Codebook.abs().max().item<float>() <= bound);
        Assert.InRange(current.Codebook.std().item<float>(), bound / Math.Sqrt(3) * 0.93, bound / Math.Sqrt(3) * 1.07);
        double fcBound = Math.Sqrt(6.0 / (512 + 128));
        Assert.True(current.Projection.weight.abs().max().item<float>() <= fcBound);
        Assert.True(current.Projection.bias!.abs().max().item<float>() <= 1 / Math.Sqrt(512));

        using var first = Head(m: 8, k: 16, d: 16, input: 512, init: QuantizationHeadInit.XavierNormalNoBiasGain01);
        Assert.Equal(["C", "fc.weight"], first.state_dict().Keys.Order());
        Assert.Null(first.Projection.bias);
        double stdW = 0.1 * Math.Sqrt(2.0 / (512 + 128));
        Assert.InRange(first.Projection.weight.std().item<float>(), stdW * 0.97, stdW * 1.03);
        double stdC = 0.1 * Math.Sqrt(2.0 / (16 + 128));
        Assert.InRange(first.Codebook.std().item<float>(), stdC * 0.93, stdC * 1.07);
        Assert.True(first.Codebook.abs().max().item<float>() > bound * 0.1, "normal, not uniform within the gain-0.1 bound");

        using var second = Head(m: 8, k: 16, d: 16, input: 512, init: QuantizationHeadInit.XavierNormalNoBiasGain1);
        Assert.InRange(second.Projection.weight.std().item<float>(), stdW * 9.7, stdW * 10.3);
    }

    [Fact]
    public void Wrong_feature_size_names_the_option_to_fix()
    {
        using var head = Head();
        using var f = randn(2, 11);
        var e = Assert.Throws<ArgumentException>(() => head.call(f));
        Assert.Contains("InputDimension", e.Message);
    }

    private static double[] Flat(Tensor t)
    {
        using var d = t.detach().to(ScalarType.Float64).contiguous();
        return d.data<double>().ToArray();
    }
}
