using Workbench.Tests.Training;
using Workbench.Training.Checkpoints;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Tests.Faults;

/// <summary>
/// A real run in a child process is stopped at a random epoch by SIGINT, SIGTERM or SIGKILL; running the same command
/// again continues it from its checkpoint to the same weights and metrics as an uninterrupted run (issue 16, case 6).
/// </summary>
[Trait("Category", FaultRuns.Slow)]
public class KillAndResumeTests
{
    private const int Epochs = 60, CheckpointEvery = 7; // a stop between checkpoints must not lose the epochs since the last one

    [Theory]
    [InlineData(2, 11)] // SIGINT
    [InlineData(15, 12)] // SIGTERM
    [InlineData(9, 13)] // SIGKILL
    public void A_run_stopped_at_a_random_epoch_continues_to_the_uninterrupted_result(int signal, int seed)
    {
        using var straightStore = new TempDirectory();
        using var store = new TempDirectory();
        var straight = WorkbenchChild.Run(FaultRuns.LinearProbe(straightStore.Path, Epochs, CheckpointEvery));
        Assert.Equal(0, straight.ExitCode);

        int stopAt = new Random(seed).Next(2, Epochs - 10); // the random point, reproducible from the seed
        using var child = WorkbenchChild.Start(FaultRuns.LinearProbe(store.Path, Epochs, CheckpointEvery));
        string? dir = null;
        Assert.True(child.WaitUntil(() => (dir ??= RunStore.ListIn(store.Path).FirstOrDefault().Directory) is { } d && FaultRuns.RecordedEpochs(d) >= stopAt),
            $"the run never reached epoch {stopAt}: {child.Text}");
        child.Signal(signal);
        int exit = child.WaitForExit();
        var manifest = RunStore.ReadManifest(dir!);
        int kept = FaultRuns.CheckpointEpochs(dir!);
        if (signal == 9)
        {
            Assert.Equal(128 + 9, exit);
            Assert.Equal(RunStatus.Running, manifest.Status); // nobody could record the kill...
            var show = WorkbenchChild.Run(["experiment", "show", manifest.RunId, "--out", store.Path]);
            Assert.Contains("Interrupted", show.Output); // ...but the dead owner is detected through the lock
            Assert.Contains("process is gone", show.Output);
        }
        else if (exit == 3)
        {
            Assert.Contains("Stopping after the current step", child.Error);
            Assert.Contains($"--resume {manifest.RunId}", child.Output);
            Assert.Equal(RunStatus.Cancelled, manifest.Status);
            Assert.Equal(manifest.Progress!.Epoch, kept); // the stop wrote the last completed epoch, between checkpoints too
        }
        else
        {
            Assert.Equal(0, exit); // the signal came after the last step: the run finished
        }

        var again = WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, Epochs, CheckpointEvery));
        Assert.Equal(0, again.ExitCode);
        FaultRuns.AssertPlain(again.Text);
        var resumed = RunStore.ReadManifest(dir!);
        if (exit != 0)
        {
            Assert.Contains($"Continuing from its checkpoint after {kept} completed epoch", again.Output);
            Assert.Equal(kept, resumed.Segments[^1].FromEpoch);
            Assert.Equal(Epochs, resumed.Segments[^1].ToEpoch);
        }
        Assert.Equal(RunStatus.Finished, resumed.Status);
        string straightDir = FaultRuns.OnlyRun(straightStore.Path);
        Assert.Equal(TrainingCheckpoint.Read(Path.Combine(straightDir, RunFiles.LastCheckpoint)).Model,
                     TrainingCheckpoint.Read(Path.Combine(dir!, RunFiles.LastCheckpoint)).Model);
        Assert.Equal(RunStore.ReadJson<MetricsRecord>(Path.Combine(straightDir, RunFiles.Metrics)).Final!.Metrics,
                     RunStore.ReadJson<MetricsRecord>(Path.Combine(dir!, RunFiles.Metrics)).Final!.Metrics);
        Assert.Single(RunStore.ListIn(store.Path));
    }
}
