using Workbench.Metrics;
using Workbench.Retrieval;
using Workbench.Training.Sessions;

namespace Workbench.Tests.Training;

/// <summary>The one per-query schema of every retrieval evaluation, built from a <see cref="RankingResult"/>.</summary>
public class PerQueryTableTests
{
    [Fact]
    public void One_row_per_query_with_label_relevant_first_hit_top_ids_and_each_metric()
    {
        double[,] x = { { 0 }, { 1 }, { 3 }, { 100 } };
        using var t = tensor(x);
        int[] labels = [0, 0, 1, 1];
        var r = RankingResult.FromEmbeddings(t, t, Relevance.SameClass(labels, labels), metric: SearchMetric.Euclidean, excludeSelf: true);
        var table = PerQueryTable.FromRanking(r, labels, [MeanAveragePrecision.AtK(r, 3), RecallAtK.Compute(r, 1)]);
        Assert.Equal(["query", "label", "relevant", "first_hit", "top", "mAP@3", "R@1"], table.Columns);
        Assert.Equal(4, table.Rows.Count);
        Assert.Equal(new object?[] { 0, 0, 1, 1, "1 2 3", 1.0, 1.0 }, table.Rows[0]);   // 0's nearest is 1 (same class)
        Assert.Equal(new object?[] { 2, 1, 1, 3, "1 0 3", 1.0 / 3, 0.0 }, table.Rows[2]); // 3 ranks 1, 0 (class 0), then 100: first hit at rank 3, AP@3 = 1/3
        Assert.Throws<ArgumentException>(() => PerQueryTable.FromRanking(r, [0, 1], [MeanAveragePrecision.AtK(r, 3)]));
        Assert.Throws<ArgumentException>(() => PerQueryTable.FromRanking(r, labels, [new MetricValue("x", 0, [1.0])]));
    }

    [Fact]
    public void Rankings_append_under_leading_columns_and_nan_is_left_empty()
    {
        double[,] x = { { 0 }, { 1 } };
        using var t = tensor(x);
        int[] labels = [0, 1];
        var r = RankingResult.FromEmbeddings(t, t, Relevance.SameClass(labels, labels), metric: SearchMetric.Euclidean, excludeSelf: true);
        var table = PerQueryTable.ForRankings(["m"], "direction");
        table.AddRanking(r, labels, [new MetricValue("m", 0, [double.NaN, 2.0])], "A->B");
        table.AddRanking(r, labels, [new MetricValue("m", 0, [1.0, 2.0])], "B->A");
        Assert.Equal(4, table.Rows.Count);
        Assert.Equal(new object?[] { "A->B", 0, 0, 0, null, "1", null }, table.Rows[0]);   // no relevant item: no first hit, NaN left empty
        Assert.Equal("B->A", table.Rows[3][0]);
        Assert.Throws<ArgumentException>(() => table.AddRanking(r, labels, [new MetricValue("other", 0, [1.0, 2.0])], "A->B"));
    }
}
