using Workbench.Models.Moco;

namespace Workbench.Tests.Models.Moco;

public class MocoPartsTests
{
    [Fact]
    public void Momentum_update_follows_the_formula_on_parameters_only()
    {
        using var scope = NewDisposeScope();
        // Batch-norm layers only: their initialisation is deterministic, so this test never draws from torch's
        // global generator (other tests rely on its seeded state).
        var query = nn.Sequential(nn.BatchNorm1d(3), nn.BatchNorm1d(4));
        var key = nn.Sequential(nn.BatchNorm1d(3), nn.BatchNorm1d(4));
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
        Assert.Throws<ArgumentException>(() => MomentumEncoder.Update(query, nn.Sequential(nn.BatchNorm1d(3), nn.BatchNorm1d(5)), 0.9));
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

    [Fact]
    public void Memory_bank_overwrites_batch_rows_only_and_last_duplicate_wins()
    {
        using var scope = NewDisposeScope();
        var initial = arange(12, dtype: ScalarType.Float32).reshape(4, 3);
        using var bank = new DomainMemoryBank(initial);
        initial.add_(100);   // the bank holds its own copy
        var keys = tensor(new float[] { -1, -1, -1, -2, -2, -2, -3, -3, -3 }).reshape(3, 3);
        bank.Update(tensor(new long[] { 2, 0, 2 }), keys);
        var expected = tensor(new float[] { -2, -2, -2, 3, 4, 5, -3, -3, -3, 9, 10, 11 }).reshape(4, 3);
        Assert.True(bank.Features.eq(expected).all().item<bool>());
        Assert.False(bank.Features.requires_grad);

        var e = Assert.Throws<ArgumentException>(() => bank.Update(tensor(new long[] { 4 }), ones(1, 3)));
        Assert.Contains("outside", e.Message);
        Assert.Throws<ArgumentException>(() => bank.Update(tensor(new long[] { 1 }), ones(1, 2)));
        bank.Reset(zeros(4, 3));
        Assert.Equal(0.0, bank.Features.abs().sum().ToDouble());
        using var random = DomainMemoryBank.Random(7, 5, Workbench.Runtime.Seeding.NewGenerator("bank", 1));
        Assert.True(random.Features.norm(1).sub(1).abs().max().ToDouble() < 1e-5);
    }
}
