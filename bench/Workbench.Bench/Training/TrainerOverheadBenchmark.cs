using BenchmarkDotNet.Attributes;
using TorchSharp;
using Workbench.Experiments;
using Workbench.Runtime;
using Workbench.Training;
using Workbench.Training.Checkpoints;
using Workbench.Training.Optimizers;
using Workbench.Training.Sessions;
using static TorchSharp.torch;

namespace Workbench.Bench.Training;

/// <summary>
/// One epoch (50 steps of SGD with momentum) of the same model and data: a bare TorchSharp loop
/// (dispose scope, zero_grad, forward, cross-entropy, backward, step, loss.item per step) against the
/// workbench <see cref="Trainer"/> (plus schedule, finiteness checks, history, RNG streams), with and
/// without writing a checkpoint. Goal: the trainer within 1.2× the bare loop.
/// </summary>
[MemoryDiagnoser]
public class TrainerOverheadBenchmark
{
    private const int Steps = 50;
    private BenchSession _session = null!;
    private RandomStreams _streams = null!;
    private SessionContext _context = null!;
    private TrainerSettings _settings = null!;
    private string _checkpoint = "";

    /// <summary>
    /// <c>noop</c>: a 1×1 linear layer, batch 1 (almost no tensor work, so the rows measure the loops' own
    /// cost per step). <c>tiny</c>: linear 16→4, batch 32. <c>small</c>: MLP 64→256→10, batch 128.
    /// </summary>
    [Params("noop", "tiny", "small")]
    public string Model { get; set; } = "tiny";

    /// <summary>Builds data and model; one torch thread so the comparison is not scheduler noise.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        Threads.Configure(1);
        Seeding.SeedEverything(0);
        _session = Model switch
        {
            "noop" => new BenchSession(1, 0, 1, 1),
            "tiny" => new BenchSession(16, 0, 4, 32),
            _ => new BenchSession(64, 256, 10, 128),
        };
        _streams = new RandomStreams(0);
        _context = new SessionContext(CPU, _streams);
        _settings = new TrainerSettings
        {
            Epochs = 1,
            EvaluateEvery = 0,
            Optimizer = new OptimizerSettings { Kind = OptimizerKind.Sgd, LearningRate = 0.01, Momentum = 0.9 },
        };
        _checkpoint = Path.Combine(Path.GetTempPath(), $"wb-bench-{Environment.ProcessId}.ckpt");
    }

    /// <summary>Removes the checkpoint file and frees tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (File.Exists(_checkpoint)) File.Delete(_checkpoint);
        _session.Dispose();
        _streams.Dispose();
    }

    /// <summary>The hand-written loop.</summary>
    [Benchmark(Baseline = true)]
    public double BareLoop()
    {
        using var opt = optim.SGD(_session.Model.parameters(), 0.01, 0.9);
        double sum = 0;
        using var order = randperm(_session.Samples, generator: _streams.Generator("bare"));
        for (int s = 0; s < Steps; s++)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            var idx = order.narrow(0, (long)s * _session.Batch, _session.Batch);
            var loss = nn.functional.cross_entropy(_session.Net.forward(_session.X.index_select(0, idx)), _session.Y.index_select(0, idx));
            sum += loss.ToDouble();
            loss.backward();
            opt.step();
        }
        return sum;
    }

    /// <summary>The same epoch through the trainer, no files.</summary>
    [Benchmark]
    public double Trainer()
    {
        using var trainer = new Trainer(_session, _settings, _context);
        return trainer.Run().State.History[0].Losses["loss"];
    }

    /// <summary>The same epoch through the trainer, writing the initial and final checkpoints (model, optimizer, RNG) atomically.</summary>
    [Benchmark]
    public double TrainerWithCheckpoints()
    {
        if (File.Exists(_checkpoint)) File.Delete(_checkpoint);
        using var trainer = new Trainer(_session, _settings, _context);
        return trainer.Run(new TrainerRunOptions { CheckpointPath = _checkpoint }).State.History[0].Losses["loss"];
    }

    private sealed class BenchSession : TrainingSession
    {
        private Tensor? _order;

        public BenchSession(int inputs, int hidden, int classes, int batch)
        {
            Batch = batch;
            Samples = batch * Steps;
            using var g = new torch.Generator(7);
            X = randn([Samples, inputs], generator: g);
            Y = randint(classes, [Samples], generator: g);
            Net = hidden > 0
                ? nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, classes))
                : nn.Sequential(nn.Linear(inputs, classes));
        }

        public int Batch { get; }

        public int Samples { get; }

        public Tensor X { get; }

        public Tensor Y { get; }

        public nn.Module<Tensor, Tensor> Net { get; }

        public override nn.Module Model => Net;

        public override int StepsPerEpoch => Steps;

        public override void BeginEpoch(EpochContext context)
        {
            _order?.Dispose();
            _order = randperm(Samples, generator: context.Session.Random.Generator("order")).DetachFromDisposeScope();
        }

        public override StepOutput TrainStep(StepContext context)
        {
            var idx = _order!.narrow(0, (long)context.StepInEpoch * Batch, Batch);
            return new StepOutput(nn.functional.cross_entropy(Net.forward(X.index_select(0, idx)), Y.index_select(0, idx)));
        }

        public override EvaluationResult Evaluate(EvaluationContext context) => new(new Dictionary<string, double>());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _order?.Dispose();
                X.Dispose();
                Y.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
