using Workbench.Data.Catalog;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.LinearProbe;
using Workbench.Experiments.Records;
using Workbench.Tests.Training;

namespace Workbench.Tests.Experiments;

/// <summary>A record is reused only when it is the same experiment: configuration, data, code version, device and threads.</summary>
[Collection(SerialTorchRng.Name)]
public class RunIdentityTests : SingleThreadedTorchTest
{
    private static readonly RunOptions Cpu = new() { Device = "cpu" };

    private static (ExperimentRunner Runner, ResolvedExperiment Experiment) Probe(TempDirectory dir)
    {
        var runner = new ExperimentRunner(new ExperimentRegistry().Register(new LinearProbeMethod()), new RunStore(dir.Path));
        return (runner, runner.Resolve("linear-probe", PresetLabel.Smoke, null, [ConfigOverride.Parse("epochs=1")]));
    }

    /// <summary>Rewrites the record's manifest with <paramref name="change"/> applied to its identity.</summary>
    private static void Tamper(RunResult run, Func<RunIdentity?, RunIdentity?> change)
    {
        var m = RunStore.ReadManifest(run.Directory);
        RunStore.WriteManifest(run.Directory, m with { Identity = change(m.Identity) });
    }

    [Fact]
    public void AFinishedRun_RecordsItsIdentity()
    {
        using var dir = new TempDirectory();
        var (runner, experiment) = Probe(dir);
        var run = runner.Run(experiment, Cpu);
        var identity = RunStore.ReadManifest(run.Directory).Identity!;
        Assert.Equal((experiment.ConfigHash, new LinearProbeMethod().CodeVersion, "cpu", Workbench.Runtime.Threads.Current),
            (identity.ConfigHash, identity.CodeVersion, identity.Device, identity.Threads));
        Assert.Empty(identity.Data); // the probe's blobs are generated
        Assert.Empty(identity.Differences(ExperimentRunner.IdentityOf(experiment, Cpu)));
        Assert.True(runner.Run(experiment, Cpu).Reused);
    }

    [Theory]
    [InlineData("code", "code version 0 recorded, 1 now")]
    [InlineData("threads", "torch threads 99 recorded")]
    [InlineData("device", "device cuda recorded, cpu now")]
    [InlineData("data", "data: fashion-mnist not read now")]
    [InlineData("cpu", "CPU kernels 'x64 avx2' recorded")]
    public void AMismatch_IsRefused_NamingWhatDiffersAndHowToProceed(string field, string expected)
    {
        using var dir = new TempDirectory();
        var (runner, experiment) = Probe(dir);
        var run = runner.Run(experiment, Cpu);
        Tamper(run, id => field switch
        {
            "code" => id! with { CodeVersion = 0 },
            "threads" => id! with { Threads = 99 },
            "device" => id! with { Device = "cuda" },
            "cpu" => id! with { CpuKernels = "x64 avx2" },
            _ => id! with { Data = [new DataFingerprint("fashion-mnist", "ab", 4, 10, [new SplitCount("train", 60_000, 10)])] },
        });
        var e = Assert.Throws<InvalidDataException>(() => runner.Run(experiment, Cpu));
        Assert.Contains($"Run {run.RunId} has this configuration but is not the same experiment", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains("--force", e.Message);
        Assert.Single(Directory.GetDirectories(dir.Path));

        var forced = runner.Run(experiment, Cpu with { Force = true });
        Assert.False(forced.Reused);
        Assert.True(runner.Run(experiment, Cpu).Reused, "the new record (same identity) is reused afterwards");
    }

    [Fact]
    public void ARecordWithoutIdentity_IsValidForTables_ButNotReusedForTraining()
    {
        using var dir = new TempDirectory();
        var (runner, experiment) = Probe(dir);
        var old = runner.Run(experiment, Cpu);
        Tamper(old, _ => null);
        var logs = new List<string>();
        var fresh = runner.Run(experiment, Cpu with { Log = logs.Add });
        Assert.False(fresh.Reused);
        Assert.Equal(old.RunId + "-2", fresh.RunId);
        Assert.Contains(logs, l => l.Contains($"Not reusing {old.RunId}") && l.Contains("recorded before runs carried a data fingerprint"));
        Assert.NotNull(new RunStore(dir.Path).FindFinished(experiment.ConfigHash)); // tables still find it
    }

    [Fact]
    public void Differences_ComparesDataByContentAndSplitCounts()
    {
        var a = new DataFingerprint("emoji-office", "h1", 10, 100, [new SplitCount("all", 2188, 29)]);
        var recorded = new RunIdentity { ConfigHash = "c", CodeVersion = 1, Data = [a], Device = "cpu", Threads = 1 };
        Assert.Empty(recorded.Differences(recorded with { Data = [a with { Files = 11 }] })); // the walk is a check, the hash and counts are the identity
        var half = recorded with { Data = [a with { ContentHash = "h2", Splits = [new SplitCount("all", 755, 10)] }] };
        var line = Assert.Single(recorded.Differences(half));
        Assert.Contains("all 2188 images / 29 classes", line);
        Assert.Contains("all 755 images / 10 classes", line);
    }
}
