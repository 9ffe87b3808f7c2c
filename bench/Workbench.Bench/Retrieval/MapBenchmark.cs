using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Workbench.Metrics;
using Workbench.Retrieval;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Bench.Retrieval;

/// <summary>
/// mAP@1000 at CIFAR-10 scale: 10,000 queries x 60,000 database items, 64-d embeddings of 10
/// classes (class centres plus noise). Measures the ranking (exact cosine top-1000 with relevance,
/// or ADC top-1000 from an M = 8, K = 16 PQ index: SPQ's 32-bit setting) and the metric alone.
/// One invocation per iteration: each call takes seconds.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MapBenchmark
{
    private const int Depth = 1000;
    private Tensor _q = null!;
    private Tensor _db = null!;
    private Relevance _relevance = null!;
    private RankingResult _ranking = null!;
    private PqIndex _index = null!;

    /// <summary>Builds the embeddings, a ranking and a PQ index.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        (_q, _db, Tensor qLabels, Tensor dbLabels) = RetrievalBenchData.MapSet();
        _relevance = Relevance.SameClass(qLabels, dbLabels);
        _ranking = RankingResult.FromEmbeddings(_q, _db, _relevance, Depth);
        var pq = ProductQuantizer.Train(_db.narrow(0, 0, 4096), 8, 16, new Workbench.Clustering.KMeansOptions { Clusters = 16, MaxIterations = 25, Seed = 1 });
        _index = new PqIndex(pq, PqSubDistance.Euclidean);
        _index.Add(_db);
        Console.WriteLine($"// exact {MeanAveragePrecision.AtK(_ranking, Depth)}; PQ {MeanAveragePrecision.AtK(RankingResult.FromIndex(_index, _q, _relevance, Depth), Depth)}");
    }

    /// <summary>Exact cosine top-1000 with relevance bits (10k x 60k).</summary>
    [Benchmark]
    public RankingResult RankExactTop1000() => RankingResult.FromEmbeddings(_q, _db, _relevance, Depth);

    /// <summary>ADC top-1000 from the PQ index with relevance bits (SPQ's evaluation).</summary>
    [Benchmark]
    public RankingResult RankPqTop1000() => RankingResult.FromIndex(_index, _q, _relevance, Depth);

    /// <summary>mAP@1000 from a stored ranking.</summary>
    [Benchmark]
    public double MapAt1000() => MeanAveragePrecision.AtK(_ranking, Depth).Value;
}
