using Workbench.Papers.Ucdir;

namespace Workbench.Tests.Ucdir;

public class EncoderTests
{
    [Fact]
    public void Momentum_update_follows_the_formula_on_parameters_only()
    {
        using var scope = NewDisposeScope();
        var query = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4));
        var key = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4));
        MomentumEncoder.Initialize(query, key);
        foreach (var ((name, q), (_, k)) in query.named_parameters().Zip(key.named_parameters()))
        {
            Assert.True(q.eq(k).all().item<bool>(), name);
            Assert.False(k.requires_grad);
        }
        using (no_grad())
            foreach (var p in query.parameters()) p.add_(1.0);
        var before = key.parameters().Select(p => p.detach().clone()).ToList();
        var keyMeanBefore = key.named_buffers().First(b => b.name.EndsWith("running_mean")).buffer.clone();
        using (no_grad())
            foreach (var b in query.buffers().Where(b => b.is_floating_point())) b.add_(5.0);
        MomentumEncoder.Update(query, key, 0.9);
        foreach (var ((q, k), old) in query.parameters().Zip(key.parameters()).Zip(before))
            Assert.True(k.allclose(old * 0.9 + q * 0.1, rtol: 1e-6, atol: 1e-6));
        var keyMeanAfter = key.named_buffers().First(b => b.name.EndsWith("running_mean")).buffer;
        Assert.True(keyMeanAfter.eq(keyMeanBefore).all().item<bool>());   // buffers are not averaged
        Assert.Throws<ArgumentException>(() => MomentumEncoder.Update(query, nn.Sequential(nn.Linear(3, 5)), 0.9));
    }

    [Fact]
    public void Split_batch_norm_normalises_each_group_and_averages_running_stats()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("splitbn", 1);
        var x = randn(6, 2, 3, 3, generator: g, dtype: ScalarType.Float64) * 2 + 1;
        var bn = new SplitBatchNorm2d(2, splits: 2);
        bn.to(ScalarType.Float64);
        bn.train();
        var y = bn.forward(x);
        // Group j = samples with index ≡ j (mod 2), normalised with its own biased batch statistics.
        var expectedMean = zeros(2, dtype: ScalarType.Float64);
        var expectedVar = ones(2, dtype: ScalarType.Float64);
        var meanAcc = zeros(2, dtype: ScalarType.Float64);
        var varAcc = zeros(2, dtype: ScalarType.Float64);
        for (int group = 0; group < 2; group++)
        {
            var idx = tensor(new long[] { group, group + 2, group + 4 });
            var xs = x.index_select(0, idx);
            var mean = xs.mean([0L, 2L, 3L]);
            var biased = xs.var([0L, 2L, 3L], unbiased: false);
            var unbiased = xs.var([0L, 2L, 3L], unbiased: true);
            var expected = (xs - mean.view(1, 2, 1, 1)) / (biased.view(1, 2, 1, 1) + 1e-5).sqrt();
            Assert.True(y.index_select(0, idx).allclose(expected, rtol: 1e-9, atol: 1e-9));
            meanAcc += expectedMean * 0.9 + mean * 0.1;
            varAcc += expectedVar * 0.9 + unbiased * 0.1;
        }
        Assert.True(bn.RunningMean.allclose(meanAcc / 2, rtol: 1e-9, atol: 1e-12));
        Assert.True(bn.RunningVar.allclose(varAcc / 2, rtol: 1e-9, atol: 1e-12));
        Assert.Contains("running_mean", bn.named_buffers().Select(b => b.name));
        Assert.Contains("weight", bn.named_parameters().Select(p => p.name));

        bn.eval();
        var evalOut = bn.forward(x);
        var plain = (x - bn.RunningMean.view(1, 2, 1, 1)) / (bn.RunningVar.view(1, 2, 1, 1) + 1e-5).sqrt();
        Assert.True(evalOut.allclose(plain, rtol: 1e-9, atol: 1e-9));
        bn.train();
        Assert.Throws<ArgumentException>(() => bn.forward(randn(5, 2, 3, 3, dtype: ScalarType.Float64)));
    }

    [Fact]
    public void Key_batch_shuffle_round_trips()
    {
        using var scope = NewDisposeScope();
        var x = arange(10).reshape(5, 2);
        var (shuffled, unshuffle) = KeyBatchShuffle.Shuffle(x, Workbench.Runtime.Seeding.NewGenerator("shuffle", 3));
        Assert.False(shuffled.eq(x).all().item<bool>());
        Assert.True(KeyBatchShuffle.Unshuffle(shuffled, unshuffle).eq(x).all().item<bool>());
    }
}
