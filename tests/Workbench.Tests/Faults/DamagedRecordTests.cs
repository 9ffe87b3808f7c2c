using Workbench.Tests.Training;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Tests.Faults;

/// <summary>
/// Flipped, truncated and deleted bytes in checkpoints, manifests, metrics and history: each damaged file is named as
/// damaged, never trained from or reused, and the other finished runs stay byte-identical (issue 16, cases 1, 5, 6).
/// </summary>
[Trait("Category", FaultRuns.Slow)]
public class DamagedRecordTests
{
    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("delete")]
    public void A_damaged_checkpoint_is_never_trained_from(string damage)
    {
        using var store = new TempDirectory();
        Assert.Equal(0, WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 2)).ExitCode); // a finished neighbour
        string neighbour = FaultRuns.OnlyRun(store.Path);
        var before = FaultRuns.Snapshot(neighbour);

        var stopped = WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 400, 1, "--time-budget", "1s"));
        Assert.Equal(3, stopped.ExitCode);
        string dir = RunStore.ListIn(store.Path).Single(r => r.Directory != neighbour).Directory;
        string checkpoint = Path.Combine(dir, RunFiles.LastCheckpoint);
        switch (damage)
        {
            case "flip": FaultRuns.FlipBit(checkpoint); break;
            case "truncate": FaultRuns.Truncate(checkpoint); break;
            default: File.Delete(checkpoint); break;
        }
        string id = Path.GetFileName(dir);
        var resume = WorkbenchChild.Run(["experiment", "run", "linear-probe", "--resume", id, "--device", "cpu", "--out", store.Path]);
        FaultRuns.AssertPlain(resume.Text);
        if (damage == "delete")
        {
            Assert.Equal(0, resume.ExitCode); // no checkpoint: nothing was lost by training from the start
            Assert.Contains("It has no checkpoint, so it is trained again from the start", resume.Output);
        }
        else
        {
            Assert.Equal(2, resume.ExitCode);
            Assert.Contains($"error: {checkpoint} is damaged (", resume.Error);
            Assert.Contains(damage == "flip" ? "checksum mismatch" : "truncated", resume.Error);
            Assert.Contains("--force", resume.Error);
            Assert.Equal(RunStatus.TimeBudgetExhausted, RunStore.ReadManifest(dir).Status); // untouched
            var same = WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 400)); // the plain command refuses it too
            Assert.Equal(2, same.ExitCode);
            Assert.Contains("is damaged", same.Error);
        }
        Assert.Equal(before, FaultRuns.Snapshot(neighbour));
    }

    [Theory]
    [InlineData(RunFiles.Metrics, "delete")]
    [InlineData(RunFiles.Metrics, "garbage")]
    [InlineData(RunFiles.Metrics, "flip")]
    [InlineData(RunFiles.History, "truncate")]
    public void A_finished_run_with_a_damaged_record_is_not_reused_shown_as_finished_or_compared(string file, string damage)
    {
        using var store = new TempDirectory();
        Assert.Equal(0, WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 2)).ExitCode);
        Assert.Equal(0, WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 3)).ExitCode); // an intact neighbour
        var runs = RunStore.ListIn(store.Path);
        string dir = runs.Single(r => r.Manifest.Progress!.TotalEpochs == 2).Directory;
        string neighbour = runs.Single(r => r.Directory != dir).Directory;
        var before = FaultRuns.Snapshot(neighbour);
        string path = Path.Combine(dir, file);
        switch (damage)
        {
            case "delete": File.Delete(path); break;
            case "garbage": File.WriteAllText(path, "{ this is not json"); break;
            case "flip": FaultRuns.FlipBit(path); break;
            default: FaultRuns.Truncate(path); break;
        }

        var show = WorkbenchChild.Run(["experiment", "show", "--out", store.Path]);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("Damaged", show.Output);
        var compare = WorkbenchChild.Run(["experiment", "compare", "--out", store.Path]);
        Assert.Equal(0, compare.ExitCode); // the garbage file is reported and skipped, not a crash
        Assert.Contains($"note: {Path.GetFileName(dir)}: records damaged ({file}", compare.Error);
        FaultRuns.AssertPlain(compare.Text);

        var again = WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 2));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("records are damaged", again.Output);
        Assert.Contains("it is not reused", again.Output);
        Assert.DoesNotContain("(reused)", again.Output);
        Assert.True(Directory.Exists(dir + "-2")); // trained again in a new folder; the damaged one is kept as it is
        Assert.Equal(before, FaultRuns.Snapshot(neighbour));
    }

    [Fact]
    public void A_damaged_manifest_is_named_and_force_trains_in_a_new_folder()
    {
        using var store = new TempDirectory();
        var stopped = WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 400, 1, "--time-budget", "1s"));
        Assert.Equal(3, stopped.ExitCode);
        string dir = FaultRuns.OnlyRun(store.Path);
        FaultRuns.FlipBit(Path.Combine(dir, RunFiles.Manifest));

        var again = WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 400, 1, "--time-budget", "1s"));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"{Path.Combine(dir, RunFiles.Manifest)} is damaged", again.Error);
        Assert.Contains("pass --force", again.Error);
        FaultRuns.AssertPlain(again.Text);

        var forced = WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 400, 1, "--time-budget", "1s", "--force"));
        Assert.Equal(3, forced.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir + "-2", RunFiles.Manifest)));
    }
}
