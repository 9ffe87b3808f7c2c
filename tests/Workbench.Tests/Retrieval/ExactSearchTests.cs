using Workbench.Retrieval;

namespace Workbench.Tests.Retrieval;

public class ExactSearchTests
{
    public static TheoryData<SearchMetric, ScalarType, bool> Cases()
    {
        var data = new TheoryData<SearchMetric, ScalarType, bool>();
        foreach (SearchMetric metric in Enum.GetValues<SearchMetric>())
            foreach (ScalarType dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
                foreach (bool exclude in new[] { false, true })
                    data.Add(metric, dtype, exclude);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Top_k_equals_brute_force_with_ties_ordered_by_id(SearchMetric metric, ScalarType dtype, bool excludeSelf)
    {
        // Small-integer vectors make many exact ties (float32 is exact on them except for cosine).
        const int n = 60, dim = 3, k = 17;
        double[] raw = metric == SearchMetric.Cosine ? BruteForce.Gaussian(1, n, dim) : BruteForce.SmallIntegers(1, n, dim);
        double[] stored = BruteForce.AsStored(raw, dtype);
        using var x = BruteForce.ToTensor(raw, n, dim, dtype);
        SearchHits hits = ExactSearch.Search(x, x, k, metric, excludeSelf, chunkBytes: 7 * n * 8);
        var expected = BruteForce.Rank(stored, n, stored, n, dim, metric, excludeSelf);

        Assert.Equal(k, hits.Depth);
        Assert.Equal(metric is SearchMetric.Cosine or SearchMetric.InnerProduct, hits.HigherIsBetter);
        // Scores are stored as float32 whatever the compute dtype.
        double tolerance = dtype == ScalarType.Float32 ? 2e-5 : 2e-7;
        for (int q = 0; q < n; q++)
        {
            Assert.Equal(expected[q].Take(k).Select(e => e.Id), hits.IdsOf(q).ToArray());
            for (int r = 0; r < k; r++) Assert.Equal(expected[q][r].Score, hits.ScoresOf(q)[r], tolerance);
            if (excludeSelf) Assert.DoesNotContain(q, hits.IdsOf(q).ToArray());
        }
    }

    [Fact]
    public void A_tie_group_straddling_position_k_keeps_the_lowest_ids()
    {
        // 2,000 identical items: topk alone may return any of them; the stable policy wants 0, 1, 2.
        using var db = ones(2000, 4);
        using var q = ones(3, 4);
        SearchHits hits = ExactSearch.Search(q, db, 3, SearchMetric.Euclidean);
        for (int i = 0; i < 3; i++) Assert.Equal([0, 1, 2], hits.IdsOf(i).ToArray());

        // Distances 1 (ids 5, 2), 0 (id 7), 1 (id 9): order 7, 2, 5, 9 by (distance, id).
        var rows = new double[10, 1];
        for (int i = 0; i < 10; i++) rows[i, 0] = 10;
        rows[5, 0] = 1; rows[2, 0] = 1; rows[7, 0] = 0; rows[9, 0] = -1;
        using var small = tensor(rows);
        using var origin = zeros(1, 1, ScalarType.Float64);
        SearchHits h = ExactSearch.Search(origin, small, 4, SearchMetric.Euclidean);
        Assert.Equal([7, 2, 5, 9], h.IdsOf(0).ToArray());
        Assert.Equal([0f, 1f, 1f, 1f], h.ScoresOf(0).ToArray());
    }

    [Fact]
    public void K_larger_than_the_database_returns_every_candidate()
    {
        using var x = randn(5, 3);
        Assert.Equal(5, ExactSearch.Search(x, x, 50).Depth);
        SearchHits excluded = ExactSearch.Search(x, x, 50, excludeSelf: true);
        Assert.Equal(4, excluded.Depth);
        Assert.Equal(4, excluded.CandidateCount);
    }

    [Fact]
    public void Chunking_does_not_change_the_result()
    {
        using var q = randn(37, 8);
        using var db = randn(101, 8);
        SearchHits one = ExactSearch.Search(q, db, 10, SearchMetric.Cosine);
        SearchHits many = ExactSearch.Search(q, db, 10, SearchMetric.Cosine, chunkBytes: 101 * 4 * 3);
        // BLAS blocks a [37, N] product differently from [3, N] ones: scores may differ in the
        // last bits, the ranking does not (no near-ties in this data).
        Assert.Equal(one.Ids, many.Ids);
        for (int i = 0; i < one.Scores.Length; i++) Assert.Equal(one.Scores[i], many.Scores[i], 1e-6f);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_clear_message()
    {
        using var a = randn(4, 3);
        using var b = randn(5, 2);
        Assert.Contains("same D", Assert.Throws<ArgumentException>(() => ExactSearch.Search(a, b, 2)).Message);
        using var nan = full(2, 3, double.NaN);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => ExactSearch.Search(nan, a, 2)).Message);
        using var c = randn(5, 3);
        Assert.Contains("same set", Assert.Throws<ArgumentException>(() => ExactSearch.Search(a, c, 2, excludeSelf: true)).Message);
        Assert.Throws<ArgumentException>(() => ExactSearch.Search(a, a, 0));
        using var ints = ones(4, 3, ScalarType.Int64);
        Assert.Contains("float32", Assert.Throws<ArgumentException>(() => ExactSearch.Search(ints, ints, 1)).Message);
    }
}
