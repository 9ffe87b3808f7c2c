using System.Diagnostics;
using Workbench.Cli.Slurm;
using Workbench.Experiments.Records;

namespace Workbench.Tests.Slurm;

/// <summary>Waiting on the real cluster: tasks to end, runs to reach a state, with time limits that fail the test.</summary>
internal static class SlurmTestCluster
{
    /// <summary>How tasks start the workbench: the CLI build next to the tests (the one under test).</summary>
    public static IReadOnlyList<string> Workbench =>
        SlurmLauncher.OwnCli() ?? throw new InvalidOperationException($"No Workbench.Cli.dll with its runtimeconfig in {AppContext.BaseDirectory}.");

    /// <summary>Small job options for the 2-CPU test node.</summary>
    public static SlurmJobOptions Options => new() { Workbench = Workbench, CpusPerTask = 1, Memory = "2G", SignalSeconds = 30 };

    /// <summary>Polls <paramref name="condition"/> every half second until it holds; fails with <paramref name="what"/> after <paramref name="limit"/>.</summary>
    public static void WaitFor(Func<bool> condition, TimeSpan limit, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) Assert.Fail($"waited {limit.TotalSeconds:0} s for {what()}");
            Thread.Sleep(500);
        }
    }

    /// <summary>Waits until no task of <paramref name="submission"/> is pending or running; returns what Slurm says of them.</summary>
    public static IReadOnlyList<SlurmQueueEntry> WaitUntilEnded(SlurmSubmission submission, TimeSpan limit)
    {
        var client = new SlurmClient();
        IReadOnlyList<SlurmQueueEntry> tasks = [];
        WaitFor(() =>
        {
            tasks = client.Tasks([submission.JobId!]);
            return tasks.Count == submission.Tasks.Count && tasks.All(t => !t.IsActive);
        }, limit, () => $"array {submission.JobId} to end: {string.Join(", ", tasks.Select(t => $"{t.TaskIndex} {t.State} {t.Reason}"))}; logs in {submission.LogDirectory}");
        return tasks;
    }

    /// <summary>The manifest of <paramref name="runId"/> in <paramref name="store"/>, or null while there is none (or it is being replaced).</summary>
    public static RunManifest? Manifest(string store, string runId)
    {
        string dir = Path.Combine(store, runId);
        try
        {
            return File.Exists(Path.Combine(dir, RunFiles.Manifest)) ? RunStore.ReadManifest(dir) : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null;
        }
    }

    /// <summary>Runs <c>scancel</c> with <paramref name="arguments"/>; false when it failed (e.g. the task had already ended).</summary>
    public static bool TryCancel(params string[] arguments) => SlurmClient.Run("scancel", arguments).ExitCode == 0;

    /// <summary>Runs <c>scancel</c> with <paramref name="arguments"/> and asserts it succeeded.</summary>
    public static void Cancel(params string[] arguments)
    {
        var r = SlurmClient.Run("scancel", arguments);
        Assert.True(r.ExitCode == 0, $"scancel {string.Join(' ', arguments)}: {r.Error}");
    }

    /// <summary>Every log of <paramref name="submission"/>, joined, for assertion messages.</summary>
    public static string Logs(SlurmSubmission submission) =>
        string.Join("\n", Directory.EnumerateFiles(submission.LogDirectory).Order().Select(f => $"--- {f}\n{File.ReadAllText(f)}"));
}
