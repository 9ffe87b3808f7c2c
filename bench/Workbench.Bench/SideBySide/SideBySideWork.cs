using Workbench.Bench.Retrieval;
using Workbench.Metrics;
using Workbench.Retrieval;
using static TorchSharp.torch;

namespace Workbench.Bench.SideBySide;

/// <summary>
/// One piece of work timed on both sides: its name (also the anchor's command), what each side
/// runs, the thread counts it is measured at, and how ours is prepared (untimed) for a thread count.
/// <c>Prepare</c> returns the timed action; the action returns an untimed check of its result
/// (a digest of the ids, the mAP, or the recall of exact ADC's top-k), which the anchor computes too.
/// </summary>
public sealed record SideBySideWork(string Name, string Ours, string Anchor, int[] Threads, Func<int, Func<Func<string>>> Prepare)
{
    /// <summary>The retrieval works of issue 19's table.</summary>
    public static IReadOnlyList<SideBySideWork> Retrieval() =>
    [
        new("flat-l2", "`ExactSearch.Search`, squared L2, 100k x 64, 1,000 queries, k = 100", "`IndexFlatL2`", [1, 2], _ =>
        {
            Tensor b = tensor(RetrievalBenchData.Base(), [RetrievalBenchData.BaseCount, RetrievalBenchData.Dimension]);
            Tensor q = tensor(RetrievalBenchData.Queries(), [RetrievalBenchData.QueryCount, RetrievalBenchData.Dimension]);
            return () =>
            {
                SearchHits hits = ExactSearch.Search(q, b, 100, SearchMetric.SquaredEuclidean);
                return () => Digest(hits);
            };
        }),
        new("eval-cosine", "`RankingResult.FromEmbeddings` (cosine, depth 1000) + `MeanAveragePrecision.AtK(1000)`, 10k x 60k x 64",
            "`IndexFlatIP` on normalised copies + numpy mAP@1000", [2], _ =>
        {
            var (q, db, ql, dl) = RetrievalBenchData.MapSet();
            Relevance relevance = Relevance.SameClass(ql, dl);
            return () =>
            {
                double map = MeanAveragePrecision.AtK(RankingResult.FromEmbeddings(q, db, relevance, 1000), 1000).Value;
                return () => $"mAP {map:F6}";
            };
        }),
        PqWork("pq-fastscan-m8", 8, 16, PqScanKernel.Auto, FastScanAnchor),
        PqWork("pq-fastscan-m8-avx2", 8, 16, PqScanKernel.FastScanAvx2, FastScanAnchor),
        PqWork("pq-fastscan-m16", 16, 16, PqScanKernel.Auto, FastScanAnchor),
        PqWork("pq-fastscan-m16-avx2", 16, 16, PqScanKernel.FastScanAvx2, FastScanAnchor),
        PqWork("pq-m8-k256", 8, 256, PqScanKernel.Auto, "`IndexPQ`, same codes"),
        PqWork("pq-m16-k256", 16, 256, PqScanKernel.Auto, "`IndexPQ`, same codes"),
    ];

    private const string FastScanAnchor = "`IndexPQFastScan` from the same codes, bbs/qbs tuned to its fastest";

    private static SideBySideWork PqWork(string name, int m, int k, PqScanKernel kernel, string anchor) =>
        new(name, $"`PqIndex.Search` (kernel {kernel}), M = {m}, K = {k}, 100k codes, 1,000 queries, k = 100", anchor, [1, 2], threads =>
        {
            PqIndex index = RetrievalBenchData.Index(m, k);
            float[] q = RetrievalBenchData.Queries();
            index.Kernel = PqScanKernel.Scalar;
            SearchHits exact = index.Search(q, 100);
            index.Kernel = kernel;
            index.MaxDegreeOfParallelism = threads;
            return () =>
            {
                SearchHits hits = index.Search(q, 100);
                return () => $"recall {Recall(hits, exact):F4}";
            };
        });

    /// <summary>Mean fraction of exact ADC's top-k ids found in the top-k.</summary>
    private static double Recall(SearchHits hits, SearchHits exact)
    {
        double sum = 0;
        for (int i = 0; i < hits.QueryCount; i++) sum += (double)hits.IdsOf(i).ToArray().Intersect(exact.IdsOf(i).ToArray()).Count() / exact.Depth;
        return sum / hits.QueryCount;
    }

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
