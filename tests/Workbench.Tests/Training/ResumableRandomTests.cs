using Workbench.Training.Checkpoints;

namespace Workbench.Tests.Training;

[Collection(SerialTorchRng.Name)]
public class ResumableRandomTests
{
    [Fact]
    public void RestoredState_ContinuesTheExactSequence()
    {
        var a = new ResumableRandom(42);
        for (int i = 0; i < 17; i++) a.Next(100);
        var state = a.GetState();
        var expected = Enumerable.Range(0, 50).Select(_ => a.NextInt64()).ToArray();

        var b = new ResumableRandom(7);
        b.SetState(state);
        Assert.Equal(expected, Enumerable.Range(0, 50).Select(_ => b.NextInt64()).ToArray());
    }

    [Fact]
    public void SameSeed_SameSequence_DifferentSeed_Different()
    {
        var a = new ResumableRandom(3);
        var b = new ResumableRandom(3);
        var c = new ResumableRandom(4);
        var sa = Enumerable.Range(0, 20).Select(_ => a.NextDouble()).ToArray();
        Assert.Equal(sa, Enumerable.Range(0, 20).Select(_ => b.NextDouble()).ToArray());
        Assert.NotEqual(sa, Enumerable.Range(0, 20).Select(_ => c.NextDouble()).ToArray());
    }

    [Fact]
    public void BoundedDraws_StayInRange_AndCoverIt()
    {
        var r = new ResumableRandom(11);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++)
        {
            int v = r.Next(3, 10);
            Assert.InRange(v, 3, 9);
            counts[v - 3]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 9_000, 11_000));
        Assert.Equal(0, r.Next(0));
        Assert.Equal(5, r.Next(5, 5));
        for (int i = 0; i < 1000; i++)
        {
            double d = r.NextDouble();
            Assert.InRange(d, 0.0, 1.0);
            Assert.True(d < 1.0);
            Assert.InRange(r.NextInt64(long.MinValue, long.MaxValue), long.MinValue, long.MaxValue - 1);
        }
    }

    [Fact]
    public void Shuffle_UsesThisState()
    {
        var a = new ResumableRandom(9);
        var state = a.GetState();
        var x = Enumerable.Range(0, 30).ToArray();
        a.Shuffle(x);
        var b = new ResumableRandom(1);
        b.SetState(state);
        var y = Enumerable.Range(0, 30).ToArray();
        b.Shuffle(y);
        Assert.Equal(x, y);
        Assert.NotEqual(Enumerable.Range(0, 30).ToArray(), x);
    }

    [Fact]
    public void BadState_IsRejected()
    {
        var r = new ResumableRandom(1);
        Assert.Throws<ArgumentException>(() => r.SetState([1UL, 2UL]));
        Assert.Throws<ArgumentException>(() => r.SetState([0UL, 0UL, 0UL, 0UL]));
    }

    [Fact]
    public void RandomStreams_RestoreTorchGeneratorsAndDefault_IncludingLazilyCreatedOnes()
    {
        using var streams = new RandomStreams(5);
        var g = streams.Generator("order");
        streams.Random("shift").Next();
        using (torch.randn(3, generator: g)) { }
        torch.manual_seed(77);
        var saved = streams.Capture();
        using var expectG = torch.randn(5, generator: g);
        using var expectDefault = torch.randn(5);
        int expectShift = streams.Random("shift").Next();

        using var fresh = new RandomStreams(5);
        fresh.Random("shift").Next(1000); // drift, must be overwritten
        torch.manual_seed(1);
        fresh.Restore(saved);
        using var gotG = torch.randn(5, generator: fresh.Generator("order"));
        using var gotDefault = torch.randn(5);
        Assert.True(expectG.eq(gotG).all().item<bool>());
        Assert.True(expectDefault.eq(gotDefault).all().item<bool>());
        Assert.Equal(expectShift, fresh.Random("shift").Next());
    }
}
