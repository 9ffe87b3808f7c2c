using Workbench.Bench.Retrieval;
using Workbench.Metrics;
using Workbench.Retrieval;
using static TorchSharp.torch;

namespace Workbench.Bench.SideBySide;

/// <summary>
/// One piece of work timed on both sides: its name (also the anchor's command), what each side
/// runs, the thread counts it is measured at, and how ours is prepared (untimed) for a thread count.
/// <c>Prepare</c> returns the timed action, which returns a digest of its result.
/// </summary>
public sealed record SideBySideWork(string Name, string Ours, string Anchor, int[] Threads, Func<int, Func<string>> Prepare)
{
    /// <summary>The retrieval works of issue 19's table.</summary>
    public static IReadOnlyList<SideBySideWork> Retrieval() =>
    [
        new("flat-l2", "`ExactSearch.Search`, squared L2, 100k x 64, 1,000 queries, k = 100", "`IndexFlatL2`", [1, 2], _ =>
        {
            Tensor b = tensor(RetrievalBenchData.Base(), [RetrievalBenchData.BaseCount, RetrievalBenchData.Dimension]);
            Tensor q = tensor(RetrievalBenchData.Queries(), [RetrievalBenchData.QueryCount, RetrievalBenchData.Dimension]);
            return () => Digest(ExactSearch.Search(q, b, 100, SearchMetric.SquaredEuclidean));
        }),
        new("eval-cosine", "`RankingResult.FromEmbeddings` (cosine, depth 1000) + `MeanAveragePrecision.AtK(1000)`, 10k x 60k x 64",
            "`IndexFlatIP` on normalised copies + numpy mAP@1000", [2], _ =>
        {
            var (q, db, ql, dl) = RetrievalBenchData.MapSet();
            Relevance relevance = Relevance.SameClass(ql, dl);
            return () => MeanAveragePrecision.AtK(RankingResult.FromEmbeddings(q, db, relevance, 1000), 1000).Value.ToString("F6");
        }),
        PqWork("pq-fastscan-m8", 8, 16, "`IndexPQFastScan` (bbs 32) from the same codes"),
        PqWork("pq-fastscan-m16", 16, 16, "`IndexPQFastScan` (bbs 32) from the same codes"),
        PqWork("pq-m8-k256", 8, 256, "`IndexPQ`, same codes"),
    ];

    private static SideBySideWork PqWork(string name, int m, int k, string anchor) =>
        new(name, $"`PqIndex.Search`, M = {m}, K = {k}, 100k codes, 1,000 queries, k = 100", anchor, [1, 2], threads =>
        {
            PqIndex index = RetrievalBenchData.Index(m, k);
            index.MaxDegreeOfParallelism = threads;
            float[] q = RetrievalBenchData.Queries();
            return () => Digest(index.Search(q, 100));
        });

    /// <summary>Sum of the first 10 ids of every query (the anchor prints the same).</summary>
    private static string Digest(SearchHits hits)
    {
        long sum = 0;
        for (int i = 0; i < hits.QueryCount; i++)
        {
            foreach (int id in hits.IdsOf(i)[..Math.Min(10, hits.Depth)]) sum += id;
        }
        return sum.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
