using System.Globalization;
using Workbench.Cli.Slurm;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Tests.Slurm;

/// <summary>
/// Runs submitted as Slurm job arrays on a real cluster (the one-node cluster of tests/slurm/start-cluster.sh):
/// tasks finish with the records a local run gives, a task stopped with TERM requeues itself and continues from its
/// checkpoint, two tasks on one row train it once, and a killed task's lock does not block the row.
/// A small linear-probe configuration keeps each run to seconds; the papers' ablations are in SlurmAblationTests.
/// </summary>
public class SlurmRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    private static (ResolvedExperiment Experiment, SlurmTask Task) LinearProbe(string store, long seed, int epochs, string label = "linear probe")
    {
        var runner = new ExperimentRunner(ExperimentRegistry.Default, new RunStore(store));
        string[] sets = [$"seed={seed}", $"training.epochs={epochs}"];
        var experiment = runner.Resolve("linear-probe", PresetLabel.Smoke, null, sets.Select(ConfigOverride.Parse));
        List<string> args = ["experiment", "run", "linear-probe", "--preset", "smoke"];
        foreach (string s in sets) args.AddRange(["--set", s]);
        args.AddRange(["--out", store]);
        return (experiment, new SlurmTask($"{label}, seed {seed}", "linear-probe", experiment.BaseRunId, args));
    }

    /// <summary>
    /// The metrics of <paramref name="task"/> run locally to its end, in a child process as a task runs: torch's default
    /// generator (weight init) is process-wide, and the tests running in parallel in this process draw from it and seed
    /// it. (A reference computed in this process once differed from a SIGKILLed-and-continued task that was right: the
    /// task gave 0.5429, what the command line gives uninterrupted; the in-process reference 0.5488.)
    /// </summary>
    private static MetricsRecord LocalMetrics(SlurmTask task)
    {
        using var local = new Training.TempDirectory();
        var args = task.Arguments.ToList();
        args[args.IndexOf("--out") + 1] = local.Path;
        var run = Faults.WorkbenchChild.Run(args, new Dictionary<string, string> { [global::Workbench.Runtime.Threads.EnvironmentVariable] = TaskThreads });
        Assert.True(run.ExitCode == 0, run.Text);
        return StoredMetrics(local.Path, task.RunId);
    }

    /// <summary>The torch threads of a task: <c>WORKBENCH_THREADS</c> when the submitting environment sets it, else <c>--cpus-per-task</c>.</summary>
    private static string TaskThreads =>
        Environment.GetEnvironmentVariable(global::Workbench.Runtime.Threads.EnvironmentVariable) is { Length: > 0 } t ? t : SlurmTestCluster.Options.CpusPerTask.ToString(CultureInfo.InvariantCulture);

    private static MetricsRecord StoredMetrics(string store, string runId) =>
        RunStore.ReadJson<MetricsRecord>(Path.Combine(store, runId, RunFiles.Metrics));

    private static SlurmSubmission Submit(string store, string name, params SlurmTask[] tasks) =>
        new SlurmScheduler().Submit(name, store, tasks, SlurmTestCluster.Options, dryRun: false).Submission;

    [SlurmFact]
    public void ArrayTasks_FinishWithTheRecordsOfALocalRun()
    {
        using var dir = new Training.TempDirectory();
        var runs = new[] { LinearProbe(dir.Path, 0, 5), LinearProbe(dir.Path, 1, 5) };
        var submission = Submit(dir.Path, "probe", runs.Select(r => r.Task).ToArray());
        var ended = SlurmTestCluster.WaitUntilEnded(submission, Limit);
        Assert.All(ended, e => Assert.Equal("COMPLETED", e.State));
        foreach (var (_, task) in runs)
        {
            Assert.True(SlurmTestCluster.Manifest(dir.Path, task.RunId)?.Status == RunStatus.Finished, SlurmTestCluster.Logs(submission));
            Assert.Equal(Json(LocalMetrics(task).Final!.Metrics), Json(StoredMetrics(dir.Path, task.RunId).Final!.Metrics));
        }
        var status = SlurmStatusReader.Read(new RunStore(dir.Path), SlurmSubmission.List(dir.Path, "probe"), ended);
        Assert.All(status, s => Assert.Equal(SlurmTaskState.Finished, s.State));
    }

    [SlurmFact]
    public void TaskStoppedWithTerm_RequeuesItselfAndFinishesFromItsCheckpoint()
    {
        using var dir = new Training.TempDirectory();
        var (_, task) = LinearProbe(dir.Path, 3, 120);
        var submission = Submit(dir.Path, "term", task);
        // TERM once the run is training past a checkpoint, so the requeued task has something to continue.
        SlurmTestCluster.WaitFor(() => SlurmTestCluster.Manifest(dir.Path, task.RunId)?.Progress?.Epoch >= 2, Limit, () => "the run to pass epoch 2\n" + SlurmTestCluster.Logs(submission));
        SlurmTestCluster.Cancel("--signal=TERM", $"{submission.JobId}_0");
        SlurmTestCluster.WaitUntilEnded(submission, Limit);
        string log = File.ReadAllText(submission.LogPath(0));
        var manifest = SlurmTestCluster.Manifest(dir.Path, task.RunId);
        Assert.True(manifest?.Status == RunStatus.Finished, log);
        Assert.Contains("requeueing", log);
        Assert.Contains($"continuing {task.RunId} from its checkpoint", log);
        Assert.True(manifest!.Segments.Count >= 2, $"expected a stopped and a resumed segment, got {manifest.Segments.Count}\n{log}");
        // Resuming is bit-identical on CPU: the interrupted run ends where an uninterrupted one does.
        Assert.Equal(Json(LocalMetrics(task).Final!.Metrics), Json(StoredMetrics(dir.Path, task.RunId).Final!.Metrics));
    }

    [SlurmFact]
    public void TwoTasksStartedOnOneRow_TrainItOnce()
    {
        using var dir = new Training.TempDirectory();
        var (_, task) = LinearProbe(dir.Path, 5, 60);
        var submission = Submit(dir.Path, "twice", task, task with { Label = "the same row again" });
        SlurmTestCluster.WaitUntilEnded(submission, Limit);
        string logs = SlurmTestCluster.Logs(submission);
        var folders = Directory.EnumerateDirectories(dir.Path, task.RunId + "*").ToList();
        Assert.True(folders.Count == 1, $"one run folder expected, got {string.Join(", ", folders)}\n{logs}");
        var manifest = SlurmTestCluster.Manifest(dir.Path, task.RunId);
        Assert.True(manifest?.Status == RunStatus.Finished, logs);
        Assert.True(manifest!.Segments.Count == 1, $"trained in {manifest.Segments.Count} segments\n{logs}");
    }

    [SlurmFact]
    public void KilledTasksLock_DoesNotBlockTheRow()
    {
        using var dir = new Training.TempDirectory();
        var (_, task) = LinearProbe(dir.Path, 7, 120);
        var first = Submit(dir.Path, "killed", task);
        SlurmTestCluster.WaitFor(() => SlurmTestCluster.Manifest(dir.Path, task.RunId)?.Progress?.Epoch >= 1, Limit, () => "the run to start\n" + SlurmTestCluster.Logs(first));
        // SIGKILL to the batch shell (the lock's holder) and the run at once: nothing is cleaned up.
        SlurmTestCluster.Cancel("--full", "--signal=KILL", $"{first.JobId}_0");
        SlurmTestCluster.WaitUntilEnded(first, Limit);
        Assert.NotEqual(RunStatus.Finished, SlurmTestCluster.Manifest(dir.Path, task.RunId)?.Status);
        var second = Submit(dir.Path, "killed", task);
        SlurmTestCluster.WaitUntilEnded(second, Limit);
        string log = File.ReadAllText(second.LogPath(0));
        Assert.True(SlurmTestCluster.Manifest(dir.Path, task.RunId)?.Status == RunStatus.Finished, log);
        Assert.DoesNotContain("being trained by another task", log);
        // The killed task's run, continued by the second submission, ends exactly where an uninterrupted run does.
        Assert.Equal(Json(LocalMetrics(task).Final!.Metrics), Json(StoredMetrics(dir.Path, task.RunId).Final!.Metrics));
    }

    [SlurmFact]
    public void FailedTask_IsListedWithItsLogAndMessage()
    {
        using var dir = new Training.TempDirectory();
        var (_, good) = LinearProbe(dir.Path, 9, 3);
        var bad = good with { Label = "a row with a typo", RunId = "linear-probe-typo", Arguments = [.. good.Arguments.Take(5), "--set", "training.epoch=3", "--out", dir.Path] };
        var submission = Submit(dir.Path, "typo", bad);
        var ended = SlurmTestCluster.WaitUntilEnded(submission, Limit);
        Assert.Equal("FAILED", Assert.Single(ended).State);
        var status = Assert.Single(SlurmStatusReader.Read(new RunStore(dir.Path), SlurmSubmission.List(dir.Path, "typo"), ended));
        Assert.Equal(SlurmTaskState.Failed, status.State);
        Assert.Equal(submission.LogPath(0), status.LogPath);
        Assert.StartsWith("task FAILED", status.Detail);
        Assert.Contains("training.epoch", status.Detail); // the workbench's own message, from the log
    }

    private static string Json(IReadOnlyDictionary<string, double> metrics) =>
        string.Join(", ", metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value.ToString("R", CultureInfo.InvariantCulture)}"));
}
