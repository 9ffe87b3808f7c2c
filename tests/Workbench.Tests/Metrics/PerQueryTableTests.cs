using Workbench.Metrics;
using Workbench.Retrieval;

namespace Workbench.Tests.Metrics;

public class PerQueryTableTests
{
    [Fact]
    public void Writes_one_row_per_query_with_ids_relevance_and_metrics()
    {
        double[,] x = { { 0 }, { 1 }, { 3 }, { 100 } };
        using var t = tensor(x);
        int[] labels = [0, 0, 1, 1];
        var r = RankingResult.FromEmbeddings(t, t, Relevance.SameClass(labels, labels), metric: SearchMetric.Euclidean, excludeSelf: true);
        var writer = new StringWriter();
        PerQueryTable.WriteCsv(writer, r, [MeanAveragePrecision.AtK(r, 3), RecallAtK.Compute(r, 1)], topIds: 2);
        string[] lines = writer.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("query,relevant_total,top_ids,top_relevant,mAP@3,R@1", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Equal("0,1,1 2,10,1,1", lines[1]);          // nearest 1 (class 0, relevant), then 2
        Assert.Equal("3,1,2 1,10,1,1", lines[4]);          // 100's nearest is 3 (class 1)
        Assert.Throws<ArgumentException>(() => PerQueryTable.WriteCsv(new StringWriter(), r, [new MetricValue("x", 0, [1.0])]));
    }
}
