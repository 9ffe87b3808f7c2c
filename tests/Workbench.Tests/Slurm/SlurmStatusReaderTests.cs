using System.Text.Json;
using Workbench.Cli.Slurm;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Tests.Slurm;

public class SlurmStatusReaderTests
{
    private static RunManifest Run(RunStatus status, string? message = null) =>
        new() { RunId = "r", Status = status, Message = message, Progress = new RunProgressInfo(2, 16, 5, 40, 8), Config = JsonSerializer.SerializeToElement(new { }) };

    private static SlurmQueueEntry Slurm(string state, string reason = "None", string? exit = null) => new("7", 0, state, reason, exit);

    [Fact]
    public void AFinishedRecordWinsOverWhatSlurmSays() =>
        Assert.Equal(SlurmTaskState.Finished, SlurmStatusReader.Merge(Run(RunStatus.Finished), Slurm("CANCELLED"), "/none").State);

    [Fact]
    public void QueuedTasksArePendingWithTheirReasonOrRunningWithProgress()
    {
        Assert.Equal((SlurmTaskState.Pending, "BeginTime"), SlurmStatusReader.Merge(Run(RunStatus.Cancelled), Slurm("PENDING", "BeginTime"), "/none"));
        Assert.Equal((SlurmTaskState.Running, "epoch 2/5"), SlurmStatusReader.Merge(Run(RunStatus.Running), Slurm("RUNNING"), "/none"));
        Assert.Equal((SlurmTaskState.Running, "starting"), SlurmStatusReader.Merge(null, Slurm("RUNNING"), "/none"));
    }

    [Fact]
    public void AFailedRunIsFailedWithItsMessage()
    {
        var (state, detail) = SlurmStatusReader.Merge(Run(RunStatus.Failed, "out of memory"), Slurm("FAILED"), "/none");
        Assert.Equal(SlurmTaskState.Failed, state);
        Assert.Equal("Failed: out of memory", detail);
    }

    [Fact]
    public void AStoppedRunWithoutAQueuedTaskAsksForAResubmission()
    {
        var (state, detail) = SlurmStatusReader.Merge(Run(RunStatus.Cancelled), Slurm("COMPLETED"), "/none");
        Assert.Equal(SlurmTaskState.Stopped, state);
        Assert.Contains("resubmit", detail);
    }

    [Fact]
    public void ATaskThatEndedWithoutARecordIsFailedWithTheLastLineOfItsLog()
    {
        using var dir = new Training.TempDirectory();
        string log = dir.Combine("task-0.log");
        File.WriteAllText(log, "== start\nLoading\nerror: dotnet not found\nsrun: error: localhost: task 0: Exited with exit code 127\nslurmstepd-node1: error: *** STEP 4.0 CANCELLED ***\n== exit 127\n");
        Assert.Equal((SlurmTaskState.Failed, "task FAILED (exit 127:0): error: dotnet not found"), SlurmStatusReader.Merge(null, Slurm("FAILED", exit: "127:0"), log));
        Assert.Equal((SlurmTaskState.Failed, "ended without a record: error: dotnet not found"), SlurmStatusReader.Merge(null, null, log));
        Assert.Equal(SlurmTaskState.Unknown, SlurmStatusReader.Merge(null, null, dir.Combine("missing.log")).State);
    }

    [Fact]
    public void TheLogMessageIsTheLastProblemLineWithoutColoursAndWithItsContinuation()
    {
        using var dir = new Training.TempDirectory();
        string log = dir.Combine("task-0.log");
        File.WriteAllText(log, "== start\n\u001b[38;5;9mThe configuration of spq is invalid:\u001b[0m\n\u001b[38;5;9m  bits: must be 16, 32 or 64.\u001b[0m\nsee workbench experiment list\n== exit 2\n");
        Assert.Equal("The configuration of spq is invalid: bits: must be 16, 32 or 64.", SlurmStatusReader.LastLogLine(log));
        File.WriteAllText(log, "== start\nepoch 1/3\n== exit 0\n");
        Assert.Equal("epoch 1/3", SlurmStatusReader.LastLogLine(log));
        File.WriteAllText(log, "== start\n");
        Assert.Equal("the log has no message", SlurmStatusReader.LastLogLine(log));
    }

    [Fact]
    public void Read_TakesTheNewestSubmissionOfARowAndAFinishedRetrainedCopyOfItsRun()
    {
        using var dir = new Training.TempDirectory();
        var store = new RunStore(dir.Path);
        var task = new SlurmTask("row, seed 0", "spq", "spq-smoke-s0-abcd", ["experiment", "run", "spq"]);
        Directory.CreateDirectory(dir.Combine(task.RunId));
        RunStore.WriteManifest(dir.Combine(task.RunId), Run(RunStatus.Running) with { RunId = task.RunId });
        var older = new SlurmSubmission { Name = "spq-smoke", JobId = "5", Directory = dir.Combine("slurm", "a"), Tasks = [task], CreatedUtc = DateTimeOffset.UnixEpoch };
        var newer = older with { JobId = "9", Directory = dir.Combine("slurm", "b"), CreatedUtc = DateTimeOffset.UnixEpoch.AddHours(1) };

        var pending = Assert.Single(SlurmStatusReader.Read(store, [older, newer], [new SlurmQueueEntry("9", 0, "PENDING", "Priority")]));
        Assert.Equal(("9_0", SlurmTaskState.Pending, "Priority"), (pending.JobId, pending.State, pending.Detail));

        Directory.CreateDirectory(dir.Combine(task.RunId + "-2"));
        RunStore.WriteManifest(dir.Combine(task.RunId + "-2"), Run(RunStatus.Finished) with { RunId = task.RunId + "-2" });
        Assert.Equal(SlurmTaskState.Finished, Assert.Single(SlurmStatusReader.Read(store, [older, newer], [])).State);
    }
}
