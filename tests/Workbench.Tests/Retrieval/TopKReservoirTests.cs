using Workbench.Retrieval;

namespace Workbench.Tests.Retrieval;

public class TopKReservoirTests
{
    [Theory]
    [InlineData(1, 500)]
    [InlineData(3, 1000)]
    [InlineData(100, 5000)]
    [InlineData(10, 7)]
    [InlineData(1000, 20000)]
    public void Keeps_the_k_smallest_by_distance_then_id(int k, int n)
    {
        var random = new Random(k * 31 + n);
        // Few distinct distances: many ties, resolved by ascending id.
        float[] distances = Enumerable.Range(0, n).Select(_ => (float)random.Next(20) / 4).ToArray();
        var topK = new TopKReservoir(k);
        for (int id = 0; id < n; id++)
        {
            // The scan only offers candidates below the threshold; offering the others must be harmless too.
            if (distances[id] < topK.Threshold || id % 3 == 0) topK.Push(distances[id], id);
        }
        int depth = Math.Min(k, n);
        var ids = new int[depth];
        var dist = new float[depth];
        Assert.Equal(depth, topK.DrainSorted(ids, dist));
        var expected = Enumerable.Range(0, n).OrderBy(i => distances[i]).ThenBy(i => i).Take(depth).ToArray();
        Assert.Equal(expected, ids);
        Assert.Equal(expected.Select(i => distances[i]), dist);
        Assert.Equal(float.PositiveInfinity, topK.Threshold); // drained and cleared
    }

    [Fact]
    public void Select_partitions_around_the_kth_key()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 50; trial++)
        {
            ulong[] keys = Enumerable.Range(0, 1 + random.Next(300)).Select(_ => (ulong)random.Next(1000)).ToArray();
            int k = 1 + random.Next(keys.Length);
            ulong[] sorted = keys.Order().ToArray();
            TopKReservoir.Select(keys, k);
            Assert.Equal(sorted[k - 1], keys[k - 1]);
            Assert.Equal(sorted.Take(k).Order(), keys.Take(k).Order());
        }
    }

    [Fact]
    public void Negative_distances_and_signed_zeros_keep_float_order_then_id()
    {
        float[] distances = [0.5f, -2f, -0f, 0f, -2f, float.MinValue, 3e-39f, -3e-39f];
        var topK = new TopKReservoir(8);
        for (int id = 0; id < distances.Length; id++) topK.Push(distances[id], id);
        var ids = new int[8];
        var dist = new float[8];
        topK.DrainSorted(ids, dist);
        // −0 and +0 tie (ids 2, 3); −2 twice (ids 1, 4); denormals keep their order.
        Assert.Equal([5, 1, 4, 7, 2, 3, 6, 0], ids);
        Assert.Equal([float.MinValue, -2f, -2f, -3e-39f, 0f, 0f, 3e-39f, 0.5f], dist);
    }

    [Theory]
    [InlineData(300, 1)]
    [InlineData(2000, 2)]
    public void Radix_sort_matches_a_comparison_sort(int n, int seed)
    {
        var random = new Random(seed);
        // High bytes shared (skipped passes) and low bytes random, plus duplicates.
        ulong[] keys = Enumerable.Range(0, n).Select(_ => (0x8000_0000UL << 32) | ((ulong)random.Next(1 << 20) << 24) | (uint)random.Next(5000)).ToArray();
        keys[7] = keys[3];
        ulong[] expected = keys.Order().ToArray();
        TopKReservoir.RadixSort(keys, new ulong[n]);
        Assert.Equal(expected, keys);
    }
}
