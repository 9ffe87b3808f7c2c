using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Tests.Experiments;
using Workbench.Training;
using Workbench.Training.Checkpoints;
using Workbench.Training.Records;
using Workbench.Training.Sessions;
using static Workbench.Tests.Training.TrainerHarness;

namespace Workbench.Tests.Training;

/// <summary>Resume equals uninterrupted, bit for bit, on CPU with the same seed.</summary>
[Collection(SerialTorchRng.Name)]
public class TrainerResumeTests : SingleThreadedTorchTest
{
    private static readonly ScriptedMethod Method = new();

    private static ScriptedConfig Config(params string[] set) =>
        ConfigOverrides.Apply((ScriptedConfig)Method.CreatePreset(PresetLabel.Smoke), set.Select(ConfigOverride.Parse));

    public static TheoryData<string[]> Setups => new()
    {
        { ["optimizer.kind=adam"] },
        { ["optimizer.kind=sgd", "momentum=0.9", "nesterov=true", "learningRate=0.05", "schedule.kind=step", "milestones=2,4"] },
        { ["optimizer.kind=rmsProp", "momentum=0.5", "learningRate=0.003", "centered=true", "gradientClipNorm=0.5"] },
        { ["optimizer.kind=adam", "schedule.unit=step", "warmup=10", "schedule.kind=cosine", "evaluateEvery=2", "checkpointEvery=1"] },
    };

    [Theory]
    [MemberData(nameof(Setups))]
    public void KilledAtAnEpochBoundary_ThenResumed_EqualsUninterrupted(string[] set)
    {
        var config = Config(set);
        using var dir = new TempDirectory();
        var straight = Train(Method, config, dir.Combine("straight.ckpt"));
        Assert.Equal(RunStatus.Finished, straight.Outcome.Status);
        Assert.Equal(6, straight.History.Count);

        using var cts = new CancellationTokenSource();
        string path = dir.Combine("killed.ckpt");
        var first = Train(Method, config, path, new TrainerRunOptions
        {
            Cancellation = cts.Token,
            EpochCompleted = r => { if (r.State.Epoch == 3) cts.Cancel(); },
        });
        Assert.Equal(RunStatus.Cancelled, first.Outcome.Status);
        Assert.Equal(3, first.Outcome.State.Epoch);
        Assert.False(SameWeights(straight.Weights, first.Weights));

        var resumed = Train(Method, config, path, resume: true);
        Assert.Equal(RunStatus.Finished, resumed.Outcome.Status);
        Assert.Equal(3, resumed.BeginEpochCalls);
        AssertSameWeights(straight.Weights, resumed.Weights);
        AssertSameHistory(straight.History, resumed.History);
        Assert.Equal(straight.Outcome.State.Best, resumed.Outcome.State.Best, new SnapshotComparer());
    }

    [Fact]
    public void KilledMidEpoch_ThenResumed_RedoesTheEpoch_AndEqualsUninterrupted()
    {
        var config = Config("optimizer.kind=sgd", "momentum=0.9", "learningRate=0.05");
        using var dir = new TempDirectory();
        var straight = Train(Method, config, dir.Combine("straight.ckpt"));

        using var cts = new CancellationTokenSource();
        string path = dir.Combine("killed.ckpt");
        var progress = new SyncProgress(p => { if (p.Step == 2 * 8 + 5) cts.Cancel(); });
        var first = Train(Method, config, path, new TrainerRunOptions { Cancellation = cts.Token, Progress = progress, ProgressInterval = TimeSpan.Zero });
        Assert.Equal(RunStatus.Cancelled, first.Outcome.Status);
        Assert.Contains("epoch 2 (0-based) before step 5", first.Outcome.Message);
        Assert.Equal(2, TrainingCheckpoint.Read(path).Header.State.Epoch);

        var resumed = Train(Method, config, path, resume: true);
        AssertSameWeights(straight.Weights, resumed.Weights);
        AssertSameHistory(straight.History, resumed.History);
    }

    [Fact]
    public void ResumingWithAnotherRngState_DiffersFromUninterrupted_SoTheComparisonIsSensitive()
    {
        var config = Config();
        using var dir = new TempDirectory();
        var straight = Train(Method, config, dir.Combine("straight.ckpt"));
        using var cts = new CancellationTokenSource();
        string path = dir.Combine("killed.ckpt");
        Train(Method, config, path, new TrainerRunOptions { Cancellation = cts.Token, EpochCompleted = r => { if (r.State.Epoch == 3) cts.Cancel(); } });

        // Same checkpoint, but torch's default generator (dropout) restored to another state.
        var tampered = Train(Method, config, path, resume: true, tamper: c =>
        {
            var other = new RandomStreams(99);
            torch.manual_seed(99);
            var random = c.Header.Random with { TorchDefault = other.Capture().TorchDefault };
            return new TrainingCheckpoint(c.Header with { Random = random }, c.Model, c.Optimizer, c.Session);
        });
        Assert.False(SameWeights(straight.Weights, tampered.Weights));

        var otherSeed = Train(Method, config with { Seed = 1 }, dir.Combine("seed1.ckpt"));
        Assert.False(SameWeights(straight.Weights, otherSeed.Weights));
    }

    [Fact]
    public void ACheckpointOfAnotherConfiguration_IsRefused()
    {
        var config = Config();
        using var dir = new TempDirectory();
        string path = dir.Combine("a.ckpt");
        using (var streams = new RandomStreams(0))
        {
            var ctx = new SessionContext(torch.CPU, streams);
            using var session = Method.CreateSession(config, ctx);
            using var trainer = new Trainer(session, config.Training, ctx, configHash: new string('a', 64));
            trainer.SaveCheckpoint(path);
        }
        using (var streams = new RandomStreams(0))
        {
            var ctx = new SessionContext(torch.CPU, streams);
            using var session = Method.CreateSession(config, ctx);
            var e = Assert.Throws<InvalidDataException>(() => new Trainer(session, config.Training, ctx, TrainingCheckpoint.Read(path), new string('b', 64)));
            Assert.Contains("cannot resume this run", e.Message);
        }
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Read(path));
    }

    private sealed class SnapshotComparer : IEqualityComparer<EvaluationSnapshot?>
    {
        public bool Equals(EvaluationSnapshot? x, EvaluationSnapshot? y) =>
            x is not null && y is not null && x.Epoch == y.Epoch && x.Step == y.Step && x.Label == y.Label &&
            x.Metrics.OrderBy(k => k.Key).SequenceEqual(y.Metrics.OrderBy(k => k.Key));

        public int GetHashCode(EvaluationSnapshot? obj) => 0;
    }
}

/// <summary>An IProgress that calls back synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        onReport(value);
    }
}
