using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TorchSharp;
using Workbench.Experiments;
using Workbench.Papers.Spq;
using Workbench.Papers.Spq.Evaluation;
using Workbench.Runtime;

namespace Workbench.Bench.Spq;

/// <summary>
/// The network half of an SPQ evaluation on the reduced setting: descriptors x̂ of the 70,000
/// Fashion-MNIST images (60,000 database + 10,000 queries) with the reduced preset's conv net, batches
/// of 1,000, eval mode, no gradients. Reported beside <see cref="SpqEvaluationBenchmark"/>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 2)]
public class SpqEncodeBenchmark
{
    private SpqData _data = null!;
    private SpqModel _model = null!;

    /// <summary>torch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Loads the images and builds the 32-bit model.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        Workbench.Runtime.Threads.Configure(Threads);
        var config = SpqPresets.Create(PresetLabel.Reduced, SpqVariants.Seed);
        _data = SpqData.Load(config.Data);
        _model = SpqModel.Create(config, _data.Database.Channels, seed: 0);
        _model.eval();
    }

    /// <summary>Frees the model and the images.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        _data.Dispose();
    }

    /// <summary>Descriptors of the database and the queries.</summary>
    [Benchmark]
    public long EncodeDatabaseAndQueries()
    {
        using var database = DescriptorEncoder.Encode(_model.Descriptor, _data.Database, 1000);
        using var queries = DescriptorEncoder.Encode(_model.Descriptor, _data.Queries, 1000);
        return database.shape[0] + queries.shape[0];
    }
}
