using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TorchSharp;
using Workbench.Data;
using Workbench.Experiments;
using Workbench.Losses;
using Workbench.Papers.Spq;
using Workbench.Runtime;
using Workbench.Training;
using Workbench.Training.Checkpoints;
using Workbench.Training.Sessions;
using static TorchSharp.torch;

namespace Workbench.Bench.Spq;

/// <summary>
/// One reduced SPQ training epoch (39 steps of 256 Fashion-MNIST images, two augmented views, the
/// cross-quantized contrastive loss, Adam) through the workbench <see cref="Trainer"/> and
/// <see cref="SpqSession"/>, against a bare TorchSharp loop doing the same work with the same model
/// and pipeline. The trainer's end-of-run evaluation is left out (it is measured by
/// <see cref="SpqEvaluationBenchmark"/>), so both sides only train. Goal: the trainer within 1.2×.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SpqEpochBenchmark
{
    private SpqConfig _config = null!;
    private SpqData _data = null!;

    /// <summary>torch intra-op threads (1 is faster than 2 on a busy machine).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Loads Fashion-MNIST once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        Workbench.Runtime.Threads.Configure(Threads);
        _config = SpqPresets.Create(PresetLabel.Reduced, SpqVariants.Seed) with
        {
            Training = SpqPresets.Create(PresetLabel.Reduced, SpqVariants.Seed).Training with { Epochs = 1, CheckpointEvery = 1 },
        };
        _data = SpqData.Load(_config.Data);
    }

    /// <summary>Frees the images.</summary>
    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    /// <summary>The hand-written epoch: shuffle, then per step load, augment twice, forward both views, CQC loss, backward, Adam step, loss value.</summary>
    [Benchmark(Baseline = true)]
    public double BareLoop()
    {
        using var model = SpqModel.Create(_config, _data.Train.Channels, seed: 0);
        model.train();
        using var opt = optim.Adam(model.parameters(), _config.Training.Optimizer.LearningRate);
        using var loss = new CrossQuantizedContrastiveLoss(_config.ContrastiveTemperature);
        var augment = SpqAugmentations.Create(_config.Augmentation, _data.Train.Height);
        using var generator = new Generator(0, CPU);
        var rng = new Random(0);
        var order = Enumerable.Range(0, _data.Train.Count).ToArray();
        rng.Shuffle(order);
        double sum = 0;
        for (int s = 0; s < _data.Train.Count / _config.BatchSize; s++)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            var images = _data.Train.LoadFloat(order.AsSpan(s * _config.BatchSize, _config.BatchSize));
            generator.manual_seed(rng.NextInt64() & long.MaxValue);
            var (a, b) = augment.Apply(images, generator);
            var (xa, za) = model.call(a);
            var (xb, zb) = model.call(b);
            var value = loss.call(xa, xb, za, zb);
            sum += value.ToDouble();
            value.backward();
            opt.step();
        }
        return sum;
    }

    /// <summary>The same epoch through <see cref="SpqSession"/> and the <see cref="Trainer"/> (schedule, loss parts, history, RNG streams), no files.</summary>
    [Benchmark]
    public double Trainer()
    {
        using var streams = new RandomStreams(0);
        var context = new SessionContext(CPU, streams);
        using var session = new TrainOnly(new SpqSession(_config, context, _data));
        using var trainer = new Trainer(session, _config.Training, context);
        return trainer.Run().State.History[0].Losses["loss"];
    }

    /// <summary>SPQ's session without the end-of-run evaluation.</summary>
    private sealed class TrainOnly(SpqSession inner) : TrainingSession
    {
        public override nn.Module Model => inner.Model;

        public override int StepsPerEpoch => inner.StepsPerEpoch;

        public override void BeginEpoch(EpochContext context) => inner.BeginEpoch(context);

        public override StepOutput TrainStep(StepContext context) => inner.TrainStep(context);

        public override EvaluationResult Evaluate(EvaluationContext context) => new(new Dictionary<string, double>());

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
        }
    }
}
