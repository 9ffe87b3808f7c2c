using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Configs;
using Workbench.Experiments.LinearProbe;
using Workbench.Experiments.Records;
using Workbench.Tests.Training;
using Workbench.Training.Records;

namespace Workbench.Tests.Experiments;

/// <summary>
/// A store layers committed records (read-only) beside its writable root: a committed record of the same experiment, or of the
/// same experiment on other CPU kernels or threads, or from before identities, is shown and nothing trains or is written there;
/// a committed record of another experiment (code version, data, device) is passed over and the run trains in the root.
/// </summary>
[Collection(SerialTorchRng.Name)]
public class CommittedRecordsTests : SingleThreadedTorchTest
{
    private static readonly RunOptions Cpu = new() { Device = "cpu" };

    private static ExperimentRegistry Registry() => new ExperimentRegistry().Register(new LinearProbeMethod());

    /// <summary>A finished record in <paramref name="committed"/>, its identity changed by <paramref name="change"/>; returns the experiment and the record's folder.</summary>
    private static (ResolvedExperiment Experiment, string Directory) Committed(string committed, Func<RunIdentity?, RunIdentity?> change)
    {
        var runner = new ExperimentRunner(Registry(), new RunStore(committed));
        var experiment = runner.Resolve("linear-probe", PresetLabel.Smoke, null, [ConfigOverride.Parse("epochs=1")]);
        var run = runner.Run(experiment, Cpu);
        var m = RunStore.ReadManifest(run.Directory);
        // the manifest lists per-query rows as a fresh SPQ record's does; the committed copy leaves them out
        var files = new Dictionary<string, string>(m.Files ?? new Dictionary<string, string>()) { [RunFiles.PerQuery] = "sha256:" + new string('0', 64) };
        RunStore.WriteManifest(run.Directory, m with { Identity = change(m.Identity), Files = files });
        // committed records keep the manifest, metrics and history: no checkpoints, no per-query rows (though the manifest lists them)
        foreach (var checkpoints in Directory.GetDirectories(run.Directory)) Directory.Delete(checkpoints, true);
        foreach (var file in Directory.GetFiles(run.Directory).Where(f => Path.GetFileName(f) is not (RunFiles.Manifest or RunFiles.Metrics or RunFiles.History))) File.Delete(file);
        return (experiment, run.Directory);
    }

    private static Dictionary<string, DateTime> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

    [Theory]
    [InlineData("same", RecordMatch.Same)]
    [InlineData("threads", RecordMatch.OtherEnvironment)]
    [InlineData("kernels", RecordMatch.OtherEnvironment)]
    [InlineData("none", RecordMatch.Unknown)]
    public void ACommittedRecord_IsShown_WithoutTrainingOrWritingIntoIt(string change, RecordMatch expected)
    {
        using var committed = new TempDirectory();
        using var writable = new TempDirectory();
        var (experiment, recordDir) = Committed(committed.Path, id => change switch
        {
            "threads" => id! with { Threads = id.Threads + 7 },
            "kernels" => id! with { CpuKernels = "x64 avx2 (another machine)" },
            "none" => null,
            _ => id,
        });
        var before = Snapshot(committed.Path);
        var store = new RunStore(writable.Path, [committed.Path]);
        var logs = new List<string>();
        var run = new ExperimentRunner(Registry(), store).Run(experiment, Cpu with { Log = logs.Add });

        Assert.True(run.Reused);
        Assert.Equal(recordDir, run.Directory);
        Assert.True(store.IsCommitted(run.Directory));
        Assert.Empty(Directory.Exists(writable.Path) ? Directory.GetDirectories(writable.Path) : []);
        Assert.Equal(before, Snapshot(committed.Path));
        var shown = store.FindCommitted(experiment.ConfigHash, () => ExperimentRunner.IdentityOf(experiment, Cpu));
        Assert.Equal(expected, shown!.Match);
        Assert.Contains(logs, l => l.Contains("Showing the committed record", StringComparison.Ordinal));
        if (expected == RecordMatch.OtherEnvironment) Assert.Contains("trained with other settings than here", shown.Describe());
    }

    [Theory]
    [InlineData("code")]
    [InlineData("device")]
    public void ACommittedRecordOfAnotherExperiment_IsPassedOver_AndTheRunTrainsInTheWritableRoot(string change)
    {
        using var committed = new TempDirectory();
        using var writable = new TempDirectory();
        var (experiment, _) = Committed(committed.Path, id => change == "code" ? id! with { CodeVersion = id.CodeVersion + 1 } : id! with { Device = "cuda" });
        var before = Snapshot(committed.Path);
        var logs = new List<string>();
        var run = new ExperimentRunner(Registry(), new RunStore(writable.Path, [committed.Path])).Run(experiment, Cpu with { Log = logs.Add });

        Assert.False(run.Reused);
        Assert.StartsWith(writable.Path, run.Directory, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(committed.Path));
        Assert.Contains(logs, l => l.Contains("is another experiment", StringComparison.Ordinal) && l.Contains(change == "code" ? "code version" : "device", StringComparison.Ordinal));
    }

    [Fact]
    public void ACommittedRecordWithDamagedMetrics_IsNotShown()
    {
        using var committed = new TempDirectory();
        using var writable = new TempDirectory();
        var (experiment, recordDir) = Committed(committed.Path, id => id);
        File.AppendAllText(Path.Combine(recordDir, RunFiles.Metrics), " ");
        var logs = new List<string>();
        var store = new RunStore(writable.Path, [committed.Path]);
        Assert.Null(store.FindCommitted(experiment.ConfigHash, () => ExperimentRunner.IdentityOf(experiment, Cpu), logs.Add));
        Assert.Contains(logs, l => l.Contains("is damaged", StringComparison.Ordinal) && l.Contains(RunFiles.Metrics, StringComparison.Ordinal));
    }

    [Fact]
    public void TheAblationEngine_CollectsCommittedRecords_LabelsThem_AndPlansNothingForThem()
    {
        using var committed = new TempDirectory();
        using var writable = new TempDirectory();
        var (experiment, recordDir) = Committed(committed.Path, id => id! with { Threads = id.Threads + 1 });
        var spec = new AblationSpec
        {
            Paper = "probe",
            Title = "probe",
            Preset = PresetLabel.Smoke,
            Rows = [new AblationRow("probe", "linear-probe", null, [], [0])],
            Overrides = [ConfigOverride.Parse("epochs=1")],
        };
        var engine = new AblationRunner(new ExperimentRunner(Registry(), new RunStore(writable.Path, [committed.Path])));
        Assert.Equal(experiment.ConfigHash, engine.Resolve(spec)[0].Experiment.ConfigHash);
        Assert.Empty(engine.Plan(spec).Tasks);
        var result = engine.Collect(spec);
        var run = Assert.Single(result.Runs);
        Assert.Equal(recordDir, run.Directory);
        Assert.Equal(RecordMatch.OtherEnvironment, run.Committed!.Match);
        Assert.Contains("1 committed record(s)", AblationProvenance.Describe(result));
        Assert.Contains("torch threads", AblationProvenance.Describe(result));

        // without the committed layer (report --retrain) the same spec trains its run in the writable root
        var fresh = new AblationRunner(new ExperimentRunner(Registry(), new RunStore(writable.Path)));
        Assert.Single(fresh.Plan(spec).Tasks);
    }

    [Fact]
    public void WithCommittedRecords_ReadsEveryResultsRunsFolder_UnlessRetraining()
    {
        var store = RunStore.WithCommittedRecords(TestHost.RepoRoot, retrain: false);
        Assert.Equal(Path.Combine(TestHost.RepoRoot, "artifacts", "runs"), store.Root);
        Assert.Contains(Path.Combine(TestHost.RepoRoot, "results", "spq", "runs"), store.CommittedRoots);
        Assert.Empty(RunStore.WithCommittedRecords(TestHost.RepoRoot, retrain: true).CommittedRoots);
    }
}
