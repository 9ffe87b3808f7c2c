using System.Globalization;
using System.Text.Json;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.LinearProbe;
using Workbench.Experiments.Records;
using Workbench.Tests.Training;
using Workbench.Training;
using Workbench.Training.Checkpoints;
using Workbench.Training.Records;
using Workbench.Training.Sessions;
using Workbench.Training.Validation;

namespace Workbench.Tests.Experiments;

[Collection(SerialTorchRng.Name)]
public class ExperimentRunnerTests : SingleThreadedTorchTest
{
    private static readonly RunOptions Cpu = new() { Device = "cpu" };

    private static ExperimentRunner Runner(TempDirectory dir) =>
        new(new ExperimentRegistry().Register(new LinearProbeMethod()).Register(new ScriptedMethod()).Register(new ThrowingMethod()), new RunStore(dir.Path));

    private static ResolvedExperiment Probe(ExperimentRunner runner, params string[] set) =>
        runner.Resolve("linear-probe", PresetLabel.Smoke, null, set.Select(ConfigOverride.Parse));

    [Fact]
    public void AFinishedRun_WritesCompleteParseableRecords()
    {
        using var dir = new TempDirectory();
        var runner = Runner(dir);
        var result = runner.Run(Probe(runner, "seed=3"), Cpu);
        Assert.Equal(RunStatus.Finished, result.Status);
        Assert.False(result.Reused);
        Assert.Equal(Path.Combine(dir.Path, result.RunId), result.Directory);
        Assert.StartsWith("linear-probe-smoke-s3-", result.RunId);

        var m = RunStore.ReadManifest(result.Directory);
        Assert.Equal((RunKinds.Run, "linear-probe", "smoke", "Linear", 3L), (m.Kind, m.Method, m.Preset, m.Variant, m.Seed));
        Assert.Matches("^[0-9a-f]{64}$", m.ConfigHash);
        Assert.Equal(RunStatus.Finished, m.Status);
        Assert.Equal(5, m.Config.GetProperty("training").GetProperty("epochs").GetInt32());
        Assert.Equal("sgd", m.Config.GetProperty("training").GetProperty("optimizer").GetProperty("kind").GetString());
        Assert.Contains("seed=3 (--set)", m.Overrides);
        Assert.Equal("cpu", m.Device);
        Assert.True(m.Threads >= 1);
        Assert.Equal("0.107.0", m.Environment!.Packages["TorchSharp"]);
        Assert.Matches("^[0-9a-f]{40}$", m.Environment.GitCommit ?? "");
        Assert.True(m.EndedUtc >= m.StartedUtc);
        Assert.True(m.Timings.TrainSeconds > 0 && m.Timings.TotalSeconds >= m.Timings.TrainSeconds);
        Assert.Equal(new RunProgressInfo(5, 40, 5, 40, 8), m.Progress);
        Assert.Contains("cosine", m.Schedule);
        var segment = Assert.Single(m.Segments);
        Assert.Equal((0, 5, RunStatus.Finished), (segment.FromEpoch, segment.ToEpoch, segment.Status));

        var history = HistoryCsv.Read(Path.Combine(result.Directory, RunFiles.History));
        Assert.Equal([0, 1, 2, 3, 4], history.Select(h => h.Epoch));
        Assert.All(history, h => Assert.True(h.Losses.ContainsKey("loss") && h.Metrics.ContainsKey("accuracy") && h.Metrics.ContainsKey("loss")));
        Assert.Equal(0.1, history[0].LearningRate);

        var metrics = RunStore.ReadJson<MetricsRecord>(Path.Combine(result.Directory, RunFiles.Metrics));
        Assert.True(metrics.Complete);
        Assert.Equal(("smoke", "Linear", 3L, m.ConfigHash), (metrics.Preset, metrics.Variant, metrics.Seed, metrics.ConfigHash));
        Assert.Equal(new MetricSelection("accuracy", MetricGoal.Maximize), metrics.Selection);
        Assert.Equal(("final", 4), (metrics.Final!.Label, metrics.Final.Epoch));
        Assert.Equal("best", metrics.Best!.Label);
        Assert.Equal(history.Max(h => h.Metrics["accuracy"]), metrics.Best.Metrics["accuracy"]);
        Assert.Equal(history[^1].Metrics["accuracy"], metrics.Final.Metrics["accuracy"]);
        Assert.True(metrics.Final.Metrics["accuracy"] > 0.8, $"the probe should separate the blobs; accuracy {metrics.Final.Metrics["accuracy"]}");
        Assert.Equal(history[^1].Losses["loss"], metrics.FinalLosses!["loss"]);

        var lines = File.ReadAllLines(Path.Combine(result.Directory, RunFiles.PerQuery));
        Assert.Equal("query,label,predicted,confidence,correct", lines[0]);
        Assert.Equal(4 * 32 + 1, lines.Length);
        double fromRows = lines.Skip(1).Count(l => l.EndsWith(",true", StringComparison.Ordinal)) / 128.0;
        Assert.Equal(metrics.Final.Metrics["accuracy"], fromRows, 1e-12);
        Assert.All(lines.Skip(1), l => float.Parse(l.Split(',')[3], CultureInfo.InvariantCulture));
        Assert.True(File.Exists(Path.Combine(result.Directory, RunFiles.PerQueryBest)));

        Assert.Equal(5, TrainingCheckpoint.Read(Path.Combine(result.Directory, RunFiles.LastCheckpoint)).Header.State.Epoch);
        Assert.True(File.Exists(Path.Combine(result.Directory, RunFiles.BestCheckpoint)));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public void ASecondRunOfTheSameConfig_IsReused_UnlessForced()
    {
        using var dir = new TempDirectory();
        var runner = Runner(dir);
        var first = runner.Run(Probe(runner, "epochs=2"), Cpu);
        var logs = new List<string>();
        var again = runner.Run(Probe(runner, "epochs=2"), Cpu with { Log = logs.Add });
        Assert.True(again.Reused);
        Assert.Equal(first.RunId, again.RunId);
        Assert.Equal(first.Metrics!.Final!.Metrics["accuracy"], again.Metrics!.Final!.Metrics["accuracy"]);
        Assert.Contains(logs, l => l.Contains("Reusing finished run " + first.RunId));
        Assert.Single(Directory.GetDirectories(dir.Path));

        var forced = runner.Run(Probe(runner, "epochs=2"), Cpu with { Force = true });
        Assert.False(forced.Reused);
        Assert.Equal(first.RunId + "-2", forced.RunId);
        Assert.Equal(first.Manifest.ConfigHash, forced.Manifest.ConfigHash);
        Assert.Equal(first.Metrics.Final.Metrics["accuracy"], forced.Metrics!.Final!.Metrics["accuracy"]); // same seed, same numbers

        var other = runner.Run(Probe(runner, "epochs=3"), Cpu);
        Assert.False(other.Reused);
        Assert.NotEqual(first.Manifest.ConfigHash, other.Manifest.ConfigHash);
        Assert.Equal(3, Directory.GetDirectories(dir.Path).Length);
    }

    [Fact]
    public void AnInterruptedRun_IsResumedThroughTheRunner_ToTheSameNumbers()
    {
        using var dir = new TempDirectory();
        var runner = Runner(dir);
        var experiment = Probe(runner, "variant=Mlp", "hidden=32", "epochs=4", "optimizer.kind=adam", "momentum=0", "learningRate=0.01");
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.Phase == "epoch" && p.Epoch == 1) cts.Cancel(); });
        var killed = runner.Run(experiment, Cpu with { Cancellation = cts.Token, Progress = progress });
        Assert.Equal(RunStatus.Cancelled, killed.Status);
        Assert.Contains("--resume " + killed.RunId, killed.Message);
        Assert.Equal(RunStatus.Cancelled, RunStore.ReadManifest(killed.Directory).Status);
        Assert.Equal(2, HistoryCsv.Read(Path.Combine(killed.Directory, RunFiles.History)).Count);
        Assert.False(RunStore.ReadJson<MetricsRecord>(Path.Combine(killed.Directory, RunFiles.Metrics)).Complete);

        var e = Assert.Throws<InvalidOperationException>(() => runner.Run(experiment, Cpu));
        Assert.Contains("--resume " + killed.RunId, e.Message);

        var resumed = runner.Resume(killed.RunId, Cpu);
        Assert.Equal(RunStatus.Finished, resumed.Status);
        var manifest = RunStore.ReadManifest(resumed.Directory);
        Assert.Equal(2, manifest.Segments.Count);
        Assert.Equal((2, 4), (manifest.Segments[1].FromEpoch, manifest.Segments[1].ToEpoch));

        var straight = runner.Run(experiment, Cpu with { Force = true });
        var a = TrainingCheckpoint.Read(Path.Combine(straight.Directory, RunFiles.LastCheckpoint));
        var b = TrainingCheckpoint.Read(Path.Combine(resumed.Directory, RunFiles.LastCheckpoint));
        Assert.Equal(a.Model, b.Model);
        Assert.Equal(a.Optimizer, b.Optimizer);
        TrainerHarness.AssertSameHistory(HistoryCsv.Read(Path.Combine(straight.Directory, RunFiles.History)),
            HistoryCsv.Read(Path.Combine(resumed.Directory, RunFiles.History)));
        Assert.True(runner.Resume(resumed.RunId, Cpu).Reused);
    }

    [Fact]
    public void MultiSeed_WritesMeanAndSampleSdOfTheMembers()
    {
        using var dir = new TempDirectory();
        var runner = Runner(dir);
        var result = runner.RunSeeds(Probe(runner, "epochs=2", "seed=10"), 3, Cpu);
        Assert.Equal([10L, 11L, 12L], result.Runs.Select(r => r.Manifest.Seed));
        Assert.NotNull(result.AggregateDirectory);

        var agg = RunStore.ReadJson<AggregateMetricsRecord>(Path.Combine(result.AggregateDirectory!, RunFiles.Metrics));
        var manifest = RunStore.ReadManifest(result.AggregateDirectory!);
        Assert.Equal(RunKinds.Aggregate, manifest.Kind);
        Assert.Equal(result.Runs.Select(r => r.RunId), manifest.Members);
        var acc = result.Runs.Select(r => RunStore.ReadJson<MetricsRecord>(Path.Combine(r.Directory, RunFiles.Metrics)).Final!.Metrics["accuracy"]).ToArray();
        double mean = (acc[0] + acc[1] + acc[2]) / 3;
        double sd = Math.Sqrt(((acc[0] - mean) * (acc[0] - mean) + (acc[1] - mean) * (acc[1] - mean) + (acc[2] - mean) * (acc[2] - mean)) / 2);
        Assert.Equal(mean, agg.Final["accuracy"].Mean, 1e-15);
        Assert.Equal(sd, agg.Final["accuracy"].StandardDeviation!.Value, 1e-15);
        Assert.Equal(acc, agg.Final["accuracy"].Values);
        Assert.Equal(3, agg.Best["loss"].Count);

        var again = runner.RunSeeds(Probe(runner, "epochs=2", "seed=10"), 3, Cpu);
        Assert.All(again.Runs, r => Assert.True(r.Reused));
        Assert.Equal(result.AggregateDirectory, again.AggregateDirectory);
    }

    [Fact]
    public void Divergence_IsRecordedInTheManifest_WithTheCheckpointKept()
    {
        using var dir = new TempDirectory();
        var runner = Runner(dir);
        var result = runner.Run(runner.Resolve("scripted", PresetLabel.Smoke, null, [ConfigOverride.Parse("nanAtStep=12")]), Cpu);
        Assert.Equal(RunStatus.Diverged, result.Status);
        var m = RunStore.ReadManifest(result.Directory);
        Assert.Equal(RunStatus.Diverged, m.Status);
        Assert.Equal(12L, m.Divergence!.GlobalStep);
        Assert.Equal(1, m.Divergence.CheckpointEpoch);
        Assert.Contains("global step 12", m.Message);
        Assert.Equal(1, TrainingCheckpoint.Read(Path.Combine(result.Directory, RunFiles.LastCheckpoint)).Header.State.Epoch);
        Assert.Single(HistoryCsv.Read(Path.Combine(result.Directory, RunFiles.History)));
    }

    [Fact]
    public void AnExceptionInAMethod_MarksTheRunFailed_AndPropagates()
    {
        using var dir = new TempDirectory();
        var runner = Runner(dir);
        var e = Assert.Throws<InvalidOperationException>(() => runner.Run(runner.Resolve("throwing", PresetLabel.Smoke), Cpu));
        Assert.Equal("step exploded", e.Message);
        var m = RunStore.ListIn(dir.Path).Single().Manifest;
        Assert.Equal(RunStatus.Failed, m.Status);
        Assert.Contains("step exploded", m.Message);
    }

    [Fact]
    public void Resolve_ReportsEveryProblemBeforeAnythingRuns()
    {
        using var dir = new TempDirectory();
        var runner = Runner(dir);
        var e = Assert.Throws<ConfigValidationException>(() => Probe(runner, "epochs=0", "classes=1", "optimizer.kind=lbfgs"));
        Assert.Contains("linear-probe (smoke, Linear)", e.Message);
        Assert.Equal(["training.optimizer.kind", "training.epochs", "classes"], e.Errors.Select(x => x.Field));
        Assert.Empty(Directory.GetDirectories(dir.Path));
        Assert.Contains("Known methods: linear-probe, scripted, throwing", Assert.Throws<ArgumentException>(() => runner.Resolve("spqq", PresetLabel.Smoke)).Message);
        Assert.Throws<DirectoryNotFoundException>(() => runner.Resume("no-such-run"));
    }

    [Fact]
    public void Registry_DiscoversTheBuiltInMethod_AndRefusesDuplicates()
    {
        Assert.Contains(ExperimentRegistry.Default.Methods, m => m.Name == "linear-probe");
        Assert.IsType<LinearProbeMethod>(ExperimentRegistry.Default.Get("Linear-Probe"));
        var registry = new ExperimentRegistry().Register(new LinearProbeMethod());
        Assert.Throws<ArgumentException>(() => registry.Register(new LinearProbeMethod()));
        var discovered = ExperimentRegistry.Discover(typeof(ScriptedMethod).Assembly);
        Assert.Equal(["scripted", "throwing"], discovered.Methods.Select(m => m.Name));
    }

    [Fact]
    public void ConfigJsonOfTheManifest_DeserialisesToTheMethodsRecord()
    {
        using var dir = new TempDirectory();
        var runner = Runner(dir);
        var result = runner.Run(Probe(runner, "epochs=1", "classes=3"), Cpu);
        var config = (LinearProbeConfig)RunStore.ReadManifest(result.Directory).Config.Deserialize(typeof(LinearProbeConfig), RecordJson.Compact)!;
        Assert.Equal(3, config.Classes);
        Assert.Equal(1, config.Training.Epochs);
    }
}

/// <summary>A method whose step throws, to check failure records.</summary>
public sealed class ThrowingMethod : ExperimentMethod<ScriptedConfig>
{
    public override string Name => "throwing";

    public override string Description => "Test method: the first step throws.";

    protected override ScriptedConfig Preset(PresetLabel label, string variant) => new() { Training = new TrainerSettings { Epochs = 1 } };

    protected override TrainingSession BuildSession(ScriptedConfig config, SessionContext context) => new Session(config, context);

    private sealed class Session(ScriptedConfig config, SessionContext context) : TrainingSession
    {
        private readonly ScriptedSession _inner = new(config, context);

        public override nn.Module Model => _inner.Model;

        public override int StepsPerEpoch => 2;

        public override StepOutput TrainStep(StepContext context) => throw new InvalidOperationException("step exploded");

        public override EvaluationResult Evaluate(EvaluationContext context) => _inner.Evaluate(context);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
        }
    }
}
