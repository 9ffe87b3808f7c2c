using Workbench.Metrics;

namespace Workbench.Tests.Metrics;

/// <summary>The closed-form expected AP over random orders within ties vs enumerating every order.</summary>
public class ExpectedAveragePrecisionTests
{
    /// <summary>AP@K of one fixed order (DeepHash convention: divide by the relevant items in the top K).</summary>
    private static double Ap(IReadOnlyList<bool> relevant, int k)
    {
        int found = 0;
        double sum = 0;
        for (int i = 0; i < Math.Min(k, relevant.Count); i++)
        {
            if (!relevant[i]) continue;
            found++;
            sum += (double)found / (i + 1);
        }
        return found == 0 ? 0 : sum / found;
    }

    private static IEnumerable<List<bool>> Permutations(List<bool> items)
    {
        if (items.Count <= 1)
        {
            yield return [.. items];
            yield break;
        }
        for (int i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var p in Permutations(rest)) yield return [items[i], .. p];
        }
    }

    /// <summary>Mean AP@K over every order inside each tie group (groups of equal scores, best first).</summary>
    private static double BruteForce(double[] scores, bool[] relevant, int k)
    {
        var groups = new List<List<bool>>();
        for (int i = 0; i < scores.Length; i++)
        {
            if (i == 0 || scores[i] != scores[i - 1]) groups.Add([]);
            groups[^1].Add(relevant[i]);
        }
        var orders = new List<List<bool>> { new() };
        foreach (var g in groups)
        {
            var perms = Permutations(g).ToList();
            orders = orders.SelectMany(o => perms.Select(p => o.Concat(p).ToList())).ToList();
        }
        return orders.Average(o => Ap(o, k));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ClosedForm_EqualsEnumeratingEveryOrder_Float64AndFloat32(int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 40; trial++)
        {
            int length = random.Next(1, 9);
            var scores = new double[length];
            double value = 0;
            for (int i = 0; i < length; i++)
            {
                if (i > 0 && random.NextDouble() < 0.55) scores[i] = scores[i - 1];
                else scores[i] = value += 0.25 + random.NextDouble();
            }
            var relevant = Enumerable.Range(0, length).Select(_ => random.NextDouble() < 0.45).ToArray();
            int k = random.Next(1, length + 1);
            double expected = BruteForce(scores, relevant, k);
            Assert.Equal(expected, ExpectedAveragePrecision.Of(scores, relevant, k, complete: true), 1e-12);
            var single = scores.Select(v => (float)v).ToArray();
            Assert.Equal(expected, ExpectedAveragePrecision.Of(single, relevant, k, complete: true), 1e-12);
        }
    }

    [Fact]
    public void HandCases()
    {
        // all tied, one relevant among n: (1/n) Σ 1/i (the harmonic number over n)
        int n = 6;
        var tied = new double[n];
        var one = new bool[n];
        one[4] = true;
        Assert.Equal(Enumerable.Range(1, n).Sum(i => 1.0 / i) / n, ExpectedAveragePrecision.Of(tied, one, n, complete: true), 1e-15);
        // no relevant item: 0
        Assert.Equal(0.0, ExpectedAveragePrecision.Of(tied, new bool[n], n, complete: true));
        // all tied, all relevant: every order has AP 1
        Assert.Equal(1.0, ExpectedAveragePrecision.Of(tied, Enumerable.Repeat(true, n).ToArray(), n, complete: true), 1e-15);
        // no ties: the plain AP (relevant at ranks 1 and 3: (1/1 + 2/3) / 2)
        Assert.Equal((1 + 2.0 / 3) / 2, ExpectedAveragePrecision.Of(new[] { 1.0, 2.0, 3.0 }, new[] { true, false, true }, 3, complete: true), 1e-15);
        // all tied, two relevant among 3, K = 1: R_K is 1 with probability 2/3 (AP 1), else 0
        Assert.Equal(2.0 / 3, ExpectedAveragePrecision.Of(new double[3], new[] { true, true, false }, 1, complete: true), 1e-15);
    }

    [Fact]
    public void ATieGroupPastTheStoredDepth_IsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ExpectedAveragePrecision.Of(new[] { 1.0, 2.0, 2.0 }, new[] { true, false, true }, 2, complete: false));
        Assert.Contains("continues past the 3 stored positions", e.Message);
        Assert.Equal(1.0, ExpectedAveragePrecision.Of(new[] { 1.0, 2.0, 3.0 }, new[] { true, false, true }, 1, complete: false)); // the group at K ends inside
    }
}
