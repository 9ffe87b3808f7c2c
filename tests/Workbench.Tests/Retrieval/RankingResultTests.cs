using Workbench.Retrieval;

namespace Workbench.Tests.Retrieval;

public class RankingResultTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Relevance_bits_and_totals_match_a_brute_force_loop(bool excludeSelf)
    {
        const int n = 70, dim = 4, classes = 5;
        int[] labels = BruteForce.Classes(3, n, classes);
        using var x = BruteForce.ToTensor(BruteForce.Gaussian(3, n, dim), n, dim, ScalarType.Float32);
        var ranking = RankingResult.FromEmbeddings(x, x, Relevance.SameClass(labels, labels), depth: 20, excludeSelf: excludeSelf);

        Assert.Equal(20, ranking.Depth);
        Assert.False(ranking.IsComplete);
        for (int q = 0; q < n; q++)
        {
            int[] ids = ranking.IdsOf(q).ToArray();
            for (int r = 0; r < 20; r++) Assert.Equal(labels[ids[r]] == labels[q], ranking.IsRelevant(q, r));
            int total = labels.Count(c => c == labels[q]) - (excludeSelf ? 1 : 0);
            Assert.Equal(total, ranking.RelevantTotal(q));
            for (int k = 0; k <= 20; k++)
                Assert.Equal(Enumerable.Range(0, k).Count(r => labels[ids[r]] == labels[q]), ranking.RelevantInTop(q, k));
        }
    }

    [Fact]
    public void Shared_label_relevance_covers_multi_label_and_equals_class_relevance_on_one_hot()
    {
        // Query 0 has labels {0, 2}; items: {1}, {2}, {}, {0, 1}, {70} (second word of bits).
        var qLabels = new bool[2, 71];
        qLabels[0, 0] = qLabels[0, 2] = true;
        qLabels[1, 70] = true;
        var dbLabels = new bool[5, 71];
        dbLabels[0, 1] = true; dbLabels[1, 2] = true; dbLabels[3, 0] = dbLabels[3, 1] = true; dbLabels[4, 70] = true;
        Relevance multi = Relevance.SharedLabel(qLabels, dbLabels);
        Assert.Equal([false, true, false, true, false], Enumerable.Range(0, 5).Select(i => multi.IsRelevant(0, i)));
        Assert.Equal(2, multi.CountRelevant(0));
        Assert.Equal(1, multi.CountRelevant(1));
        Assert.True(multi.IsRelevant(1, 4));

        // The same through tensors (uint8 and bool label matrices).
        using var qt = tensor(new byte[] { 1, 0, 1 }, [1, 3]);
        using var dt = tensor(new byte[] { 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0 }, [4, 3]);
        Relevance fromTensor = Relevance.SharedLabel(qt, dt.to(ScalarType.Bool));
        Assert.Equal([false, true, false, true], Enumerable.Range(0, 4).Select(i => fromTensor.IsRelevant(0, i)));

        int[] classes = BruteForce.Classes(9, 40, 6);
        using var oneHot = nn.functional.one_hot(tensor(classes.Select(c => (long)c).ToArray()), 6);
        Relevance a = Relevance.SharedLabel(oneHot, oneHot), b = Relevance.SameClass(classes, classes);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(b.CountRelevant(i), a.CountRelevant(i));
            for (int j = 0; j < 40; j++) Assert.Equal(b.IsRelevant(i, j), a.IsRelevant(i, j));
        }
    }

    [Fact]
    public void Mismatched_relevance_and_bad_labels_are_rejected()
    {
        using var x = randn(6, 2);
        Relevance wrong = Relevance.SameClass(new int[6], new int[5]);
        Assert.Contains("same query and database", Assert.Throws<ArgumentException>(() => RankingResult.FromEmbeddings(x, x, wrong)).Message);
        using var floats = randn(6);
        Assert.Throws<ArgumentException>(() => Relevance.SameClass(floats, floats));
        using var two = zeros(3, 2, ScalarType.Int64);
        Assert.Contains("SharedLabel", Assert.Throws<ArgumentException>(() => Relevance.SameClass(two, two)).Message);
    }

    [Fact]
    public void Asking_beyond_the_stored_depth_of_a_top_k_ranking_fails_clearly()
    {
        using var x = randn(30, 3);
        int[] labels = BruteForce.Classes(1, 30, 3);
        var topK = RankingResult.FromEmbeddings(x, x, Relevance.SameClass(labels, labels), depth: 10);
        var e = Assert.Throws<InvalidOperationException>(() => topK.CheckedCutoff(11, "mAP@11"));
        Assert.Contains("depth ≥ 11", e.Message);
        var full = RankingResult.FromEmbeddings(x, x, Relevance.SameClass(labels, labels));
        Assert.True(full.IsComplete);
        Assert.Equal(30, full.CheckedCutoff(500, "P@500"));
    }
}
