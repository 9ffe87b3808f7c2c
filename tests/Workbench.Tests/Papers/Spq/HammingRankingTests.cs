using System.Numerics;
using Workbench.Papers.Spq.Baselines;
using Workbench.Papers.Spq.Evaluation;

namespace Workbench.Tests.Papers.Spq;

public sealed class HammingRankingTests
{
    [Theory]
    [InlineData(16, 5)]
    [InlineData(64, 300)]
    public void RankingEqualsSortingByHammingDistanceThenId(int bits, int depth)
    {
        var rng = new Random(bits);
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        var database = Enumerable.Range(0, 200).Select(_ => (ulong)rng.NextInt64() & mask).ToArray();
        database[10] = database[20] = database[30]; // ties
        var queries = Enumerable.Range(0, 7).Select(_ => (ulong)rng.NextInt64() & mask).ToArray();
        var hits = HammingRanking.Search(queries, database, depth);
        int expectedDepth = Math.Min(depth, database.Length);
        Assert.Equal(expectedDepth, hits.Depth);
        for (int q = 0; q < queries.Length; q++)
        {
            var expected = Enumerable.Range(0, database.Length)
                .OrderBy(i => BitOperations.PopCount(queries[q] ^ database[i])).ThenBy(i => i).Take(expectedDepth).ToArray();
            Assert.Equal(expected, hits.IdsOf(q).ToArray());
            Assert.Equal(expected.Select(i => (float)BitOperations.PopCount(queries[q] ^ database[i])).ToArray(), hits.ScoresOf(q).ToArray());
        }
    }

    [Fact]
    public void SearcherRanksTheSelectedQueries()
    {
        ulong[] database = [0b0000, 0b0001, 0b0011, 0b0111];
        ulong[] queries = [0b0111, 0b0000];
        QuerySearch search = HammingRanking.Searcher(database, queries);
        var hits = search([1, 0], 4);
        Assert.Equal([0, 1, 2, 3], hits.IdsOf(0).ToArray());
        Assert.Equal([3, 2, 1, 0], hits.IdsOf(1).ToArray());
    }
}
