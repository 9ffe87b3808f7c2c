using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TorchSharp;
using Workbench.Experiments;
using Workbench.Papers.FacilityLocation;
using Workbench.Training.Checkpoints;
using Workbench.Training.Optimizers;
using Workbench.Training.Sessions;
using static TorchSharp.torch;

namespace Workbench.Bench.Dml;

/// <summary>
/// One training step of the <c>dml</c> reduced preset (font glyphs 28 px, width-16 conv net + linear
/// 64, m = 40, C/m = 0.25; N-pairs 0.5): load the batch, forward, loss, backward, RMSprop step —
/// what the ablation's 600 steps per run repeat. Needs the fonts installed (data/install.sh).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class DmlStepBenchmark
{
    private RandomStreams _streams = null!;
    private DmlSession _session = null!;
    private optim.Optimizer _optimizer = null!;
    private SessionContext _context = null!;
    private int _step;

    /// <summary>Which loss.</summary>
    [Params("triplet-semihard", "lifted-structured", "npair-mc", "facility-location", "contrastive")]
    public string Loss { get; set; } = "";

    /// <summary>Builds the reduced session (renders the glyphs once per process).</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var config = DmlPresets.Reduced with { Loss = Loss };
        _streams = new RandomStreams(config.Seed);
        _context = new SessionContext(CPU, _streams);
        _session = new DmlSession(config, _context);
        _session.BeginEpoch(new EpochContext(0, 1, 0, 600, _session.StepsPerEpoch, 1e-3, _context));
        _optimizer = OptimizerFactory.Create(config.Training.Optimizer, _session.TrainableParameters);
        _session.Model.train();
    }

    /// <summary>One optimiser step on the next batch.</summary>
    [Benchmark]
    public double TrainStep()
    {
        using var scope = torch.NewDisposeScope();
        _optimizer.zero_grad();
        int step = _step++ % _session.StepsPerEpoch;
        var output = _session.TrainStep(new StepContext(0, step, step, 1, 600, 1e-3, _context));
        output.Loss.backward();
        _optimizer.step();
        return output.Loss.ToDouble();
    }

    /// <summary>Releases the session.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _streams.Dispose();
    }
}
