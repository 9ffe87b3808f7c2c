using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TorchSharp;
using Workbench.Experiments;
using Workbench.Papers.Spq;
using Workbench.Papers.Spq.Evaluation;
using Workbench.Retrieval;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Bench.Spq;

/// <summary>
/// SPQ's evaluation after training on the reduced Fashion-MNIST setting (10,000 queries x 60,000
/// database items, mAP@1000): from the descriptors x̂ to the metric — hard-encode the database with
/// the head's codebooks, build the PQ index, ADC top-1000 search of every query, relevance and mAP@1000.
/// The descriptors come from the reduced preset's model (seed 0, untrained: search cost does not
/// depend on what the weights learned) and are computed once in the setup. Goal: under 5 s on 2 cores.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class SpqEvaluationBenchmark
{
    private SpqData _data = null!;
    private SpqModel _model = null!;
    private Tensor _database = null!;
    private float[] _queries = [];
    private int[] _queryLabels = [];
    private int[] _databaseLabels = [];

    /// <summary>Code length (M = 4, 8, 16 codebooks of 16 words).</summary>
    [Params(16, 32, 64)]
    public int Bits { get; set; }

    /// <summary>Squared (seed) or Euclidean (official) ADC sub-distances.</summary>
    [Params(PqSubDistance.Squared, PqSubDistance.Euclidean)]
    public PqSubDistance SubDistance { get; set; }

    /// <summary>Loads Fashion-MNIST and computes the descriptors of the 70,000 images once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        Threads.Configure();
        var config = SpqPresets.Create(PresetLabel.Reduced, SpqVariants.Seed) with { Bits = Bits };
        _data = SpqData.Load(config.Data);
        _model = SpqModel.Create(config, _data.Database.Channels, seed: 0);
        _model.eval();
        _database = DescriptorEncoder.Encode(_model.Descriptor, _data.Database, 1000);
        using var queries = DescriptorEncoder.Encode(_model.Descriptor, _data.Queries, 1000);
        _queries = SpqIndexing.ToArray(queries);
        _queryLabels = SpqData.ClassIds(_data.Queries);
        _databaseLabels = SpqData.ClassIds(_data.Database);
    }

    /// <summary>Frees the descriptors, the model and the images.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _database.Dispose();
        _model.Dispose();
        _data.Dispose();
    }

    /// <summary>Encode the database into the index, search the queries, mAP@1000 (the per-query rows included).</summary>
    [Benchmark]
    public double IndexSearchMap()
    {
        var index = SpqIndexing.Build(_model.Head, _database, SubDistance);
        var result = RetrievalEvaluator.Evaluate(SpqIndexing.Searcher(index, _queries), _queryLabels, _databaseLabels, 1000, mapAll: false);
        return result.Metrics["mAP@1000"];
    }
}
