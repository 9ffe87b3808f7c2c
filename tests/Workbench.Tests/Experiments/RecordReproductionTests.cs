using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.LinearProbe;
using Workbench.Experiments.Records;
using Workbench.Experiments.Reproduction;
using Workbench.Tests.Training;
using Workbench.Training.Records;

namespace Workbench.Tests.Experiments;

[Collection(SerialTorchRng.Name)]
public class RecordReproductionTests : SingleThreadedTorchTest
{
    private static readonly RunOptions Cpu = new() { Device = "cpu" };
    private static ExperimentRegistry Registry() => new ExperimentRegistry().Register(new LinearProbeMethod());

    private static RunResult Commit(TempDirectory committed, long seed)
    {
        var runner = new ExperimentRunner(Registry(), new RunStore(committed.Path));
        return runner.Run(runner.Resolve("linear-probe", PresetLabel.Smoke, null, [ConfigOverride.Parse("epochs=1"), ConfigOverride.Parse($"seed={seed}")]), Cpu);
    }

    [Fact]
    public void ARecordWithTheSameIdentity_ReproducesExactly_AndATamperedValueIsDrift()
    {
        using var committed = new TempDirectory();
        using var scratch = new TempDirectory();
        var run = Commit(committed, 0);
        var reproduction = new RecordReproduction(Registry(), committed.Path, new RunStore(scratch.Path));
        var (dir, manifest) = Assert.Single(reproduction.Records);
        var drifts = reproduction.Reproduce(dir, manifest, Cpu);
        Assert.NotEmpty(drifts);
        Assert.All(drifts, d => Assert.Equal((0.0, "exact (same identity)", false), (d.Tolerance, d.Basis, d.Drifted)));
        Assert.Single(Directory.GetDirectories(scratch.Path)); // re-trained in the scratch store, the committed folder untouched
        Assert.Single(Directory.GetDirectories(committed.Path));

        var metricsPath = Path.Combine(run.Directory, RunFiles.Metrics);
        var metrics = RunStore.ReadJson<MetricsRecord>(metricsPath);
        var changed = metrics.Final!.Metrics.ToDictionary(kv => kv.Key, kv => kv.Key == "accuracy" ? kv.Value + 1e-9 : kv.Value);
        RunStore.WriteJson(metricsPath, metrics with { Final = metrics.Final with { Metrics = changed } });
        var again = reproduction.Reproduce(dir, manifest, Cpu);
        var drift = Assert.Single(again, d => d.Drifted);
        Assert.Equal("accuracy", drift.Metric);
        Assert.Equal(1e-9, drift.Difference, 1e-12);
    }

    [Fact]
    public void ARecordIsRetrainedAtItsRecordedThreadCount_WhateverTheProcessUses()
    {
        // The 2026-12-07 "drift" of dml-reduced-s2-3e679f22: `workbench reproduce` ran a one-thread record with the
        // machine's two threads, so the identities differed, the run diverged in its last bits and the seed bound judged it.
        using var committed = new TempDirectory();
        using var scratch = new TempDirectory();
        Commit(committed, 0); // one thread (SingleThreadedTorchTest)
        var reproduction = new RecordReproduction(Registry(), committed.Path, new RunStore(scratch.Path));
        var (dir, manifest) = Assert.Single(reproduction.Records);
        Assert.Equal(1, RecordReproduction.RecordedThreads(manifest));
        torch.set_num_threads(2);
        var drifts = reproduction.Reproduce(dir, manifest, Cpu);
        Assert.Equal(2, torch.get_num_threads()); // the process's own count is restored
        Assert.All(drifts, d => Assert.Equal((0.0, "exact (same identity)", false), (d.Tolerance, d.Basis, d.Drifted)));
        var retrained = RunStore.ReadManifest(Assert.Single(Directory.GetDirectories(scratch.Path)));
        Assert.Equal(1, retrained.Threads);
        Assert.Null(RecordReproduction.RecordedThreads(manifest with { Identity = null, Threads = 0 }));
    }

    [Fact]
    public void ARecordWithoutIdentity_IsJudgedByTwiceItsRowsSeedSpread()
    {
        using var committed = new TempDirectory();
        using var scratch = new TempDirectory();
        var runs = new[] { Commit(committed, 0), Commit(committed, 1) };
        foreach (var r in runs) RunStore.WriteManifest(r.Directory, RunStore.ReadManifest(r.Directory) with { Identity = null });
        var values = runs.Select(r => r.Metrics!.Final!.Metrics["accuracy"]).ToArray();
        double sd = Math.Abs(values[0] - values[1]) / Math.Sqrt(2);
        var reproduction = new RecordReproduction(Registry(), committed.Path, new RunStore(scratch.Path));
        var (dir, manifest) = reproduction.Records.First(r => r.Manifest.Seed == 0);
        var accuracy = Assert.Single(reproduction.Reproduce(dir, manifest, Cpu), d => d.Metric == "accuracy");
        Assert.Equal("2 x sd over this row's 2 seeds", accuracy.Basis);
        Assert.Equal(2 * sd, accuracy.Tolerance, 1e-12);
        Assert.False(accuracy.Drifted, "same code and machine: the value agrees");
    }
}
