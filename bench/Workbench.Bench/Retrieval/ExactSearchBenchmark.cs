using BenchmarkDotNet.Attributes;
using Workbench.Retrieval;
using static TorchSharp.torch;

namespace Workbench.Bench.Retrieval;

/// <summary>
/// Exact (brute-force) top-100 of 1,000 queries over the same 100,000 x 64 database as the ADC
/// benchmark, squared Euclidean, float32 on the CPU. Time is per query (OperationsPerInvoke = 1000).
/// </summary>
[ShortRunJob]
public class ExactSearchBenchmark
{
    private Tensor _base = null!;
    private Tensor _queries = null!;

    /// <summary>Loads the data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Workbench.Runtime.TorchRuntime.EnsureLoaded();
        _base = tensor(RetrievalBenchData.Base(), [RetrievalBenchData.BaseCount, RetrievalBenchData.Dimension]);
        _queries = tensor(RetrievalBenchData.Queries(), [RetrievalBenchData.QueryCount, RetrievalBenchData.Dimension]);
    }

    /// <summary>Chunked matmul + topk + stable tie order.</summary>
    [Benchmark(OperationsPerInvoke = RetrievalBenchData.QueryCount)]
    public SearchHits Search() => ExactSearch.Search(_queries, _base, 100, SearchMetric.SquaredEuclidean);
}
