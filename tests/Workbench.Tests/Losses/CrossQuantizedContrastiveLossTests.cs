using Workbench.Losses;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Tests.Losses;

public class CrossQuantizedContrastiveLossTests
{
    [Theory]
    [InlineData(ScalarType.Float32, 1e-5)]
    [InlineData(ScalarType.Float64, 1e-12)]
    public void Equals_the_brute_force_sum_of_two_cross_terms(ScalarType dtype, double atol)
    {
        using var g = Workbench.Runtime.Seeding.NewGenerator("cqc", 2);
        using var xa = randn(5, 8, dtype: dtype, generator: g);
        using var xb = randn(5, 8, dtype: dtype, generator: g);
        using var za = randn(5, 8, dtype: dtype, generator: g);
        using var zb = randn(5, 8, dtype: dtype, generator: g);
        using var loss = new CrossQuantizedContrastiveLoss().call(xa, xb, za, zb);
        var r = ContrastiveReference.Rows;
        double expected = ContrastiveReference.NtXent(r(xa), r(zb), 0.5) + ContrastiveReference.NtXent(r(xb), r(za), 0.5);
        Assert.Equal(dtype, loss.dtype);
        Assert.True(Math.Abs(expected - ContrastiveReference.Scalar(loss)) <= atol * expected, $"{ContrastiveReference.Scalar(loss)} vs {expected}");
    }

    [Fact]
    public void Equals_the_official_cqc_arithmetic()
    {
        // The official CQCLoss: positives from the ±N diagonals first, negatives by mask, CE(sum) / 2N.
        const int n = 4;
        using var xa = randn(n, 6, dtype: ScalarType.Float64);
        using var xb = randn(n, 6, dtype: ScalarType.Float64);
        using var za = randn(n, 6, dtype: ScalarType.Float64);
        using var zb = randn(n, 6, dtype: ScalarType.Float64);
        using var mask = (ones(2 * n, 2 * n) - eye(2 * n) - eye(2 * n).roll(n, 1)).to(ScalarType.Bool);
        double Official(Tensor first, Tensor second)
        {
            var w = cat([first, second], 0);
            var sim = F.cosine_similarity(w.unsqueeze(1), w.unsqueeze(0), dim: -1, eps: 1e-8);
            var pos = cat([sim.diagonal(n), sim.diagonal(-n)]).view(2 * n, 1);
            var neg = sim.masked_select(mask).view(2 * n, -1);
            var logits = cat([pos, neg], 1) / 0.5;
            return F.cross_entropy(logits, zeros(2 * n, dtype: ScalarType.Int64), reduction: nn.Reduction.Sum).item<double>();
        }
        double official = (Official(xa, zb) + Official(xb, za)) / (2 * n);
        using var loss = new CrossQuantizedContrastiveLoss().call(xa, xb, za, zb);
        Assert.Equal(official, ContrastiveReference.Scalar(loss), 12);
    }

    [Fact]
    public void Aligned_views_give_a_low_loss_and_random_views_a_higher_one()
    {
        // Hand case: all four inputs the same orthonormal rows: each term is log(1 + 6 e^{-2}).
        using var x = eye(4, 8, dtype: ScalarType.Float64);
        using var aligned = new CrossQuantizedContrastiveLoss().call(x, x, x, x);
        Assert.Equal(2 * Math.Log(1 + 6 * Math.Exp(-2)), aligned.item<double>(), 12);

        using var g = Workbench.Runtime.Seeding.NewGenerator("cqc-random", 3);
        using var r1 = randn(4, 8, dtype: ScalarType.Float64, generator: g);
        using var r2 = randn(4, 8, dtype: ScalarType.Float64, generator: g);
        using var r3 = randn(4, 8, dtype: ScalarType.Float64, generator: g);
        using var r4 = randn(4, 8, dtype: ScalarType.Float64, generator: g);
        using var random = new CrossQuantizedContrastiveLoss().call(r1, r2, r3, r4);
        Assert.True(random.item<double>() > aligned.item<double>() + 1.0, $"random {random.item<double>()} vs aligned {aligned.item<double>()}");
    }

    [Fact]
    public void Cross_design_never_compares_a_descriptor_with_its_own_quantization()
    {
        // Changing ẑ^a only affects the ba term; with xb = za the ba term is the aligned minimum.
        using var xa = randn(4, 8, dtype: ScalarType.Float64);
        using var zb = randn(4, 8, dtype: ScalarType.Float64);
        using var xb = eye(4, 8, dtype: ScalarType.Float64);
        using var loss = new CrossQuantizedContrastiveLoss().call(xa, xb, xb, zb);
        using var ab = NtXentLoss.Compute(xa, zb);
        Assert.Equal(ab.item<double>() + Math.Log(1 + 6 * Math.Exp(-2)), ContrastiveReference.Scalar(loss), 12);
    }

    [Fact]
    public void Spq_c_is_plain_nt_xent_between_the_quantized_views()
    {
        using var xa = randn(5, 8, dtype: ScalarType.Float64);
        using var xb = randn(5, 8, dtype: ScalarType.Float64);
        using var za = randn(5, 8, dtype: ScalarType.Float64);
        using var zb = randn(5, 8, dtype: ScalarType.Float64);
        var spqc = new PlainQuantizedContrastiveLoss();
        Assert.Equal("SPQ-C", spqc.Label);
        using var loss = spqc.call(xa, xb, za, zb);
        double expected = ContrastiveReference.NtXent(ContrastiveReference.Rows(za), ContrastiveReference.Rows(zb), 0.5);
        Assert.Equal(expected, ContrastiveReference.Scalar(loss), 12);
        using var other = randn(5, 8, dtype: ScalarType.Float64);
        using var loss2 = spqc.call(other, other, za, zb);
        Assert.Equal(ContrastiveReference.Scalar(loss), loss2.item<double>(), 14);
    }

    [Fact]
    public void Mismatched_views_are_refused()
    {
        using var a = randn(4, 8);
        using var b = randn(3, 8);
        var e = Assert.Throws<ArgumentException>(() => new CrossQuantizedContrastiveLoss().call(a, a, a, b));
        Assert.Contains("[N, D]", e.Message);
    }
}
