using System.Globalization;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Cli.Slurm;

/// <summary>
/// Merges the run store (the truth about finished and failed runs, and training progress) with Slurm's view
/// of the array tasks (<c>squeue</c>/<c>sacct</c>: pending, running, ended) for every row of the newest
/// submissions of an ablation. A row submitted twice takes its newest task.
/// </summary>
public static class SlurmStatusReader
{
    /// <summary>One status per submitted run id, in submission then array order.</summary>
    public static IReadOnlyList<SlurmTaskStatus> Read(RunStore store, IReadOnlyList<SlurmSubmission> submissions, IReadOnlyList<SlurmQueueEntry> queue)
    {
        ArgumentNullException.ThrowIfNull(store);
        var byTask = queue.ToDictionary(e => (e.ArrayJobId, e.TaskIndex));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<SlurmTaskStatus>();
        foreach (var submission in submissions.OrderByDescending(s => s.CreatedUtc))
        {
            for (int i = 0; i < submission.Tasks.Count; i++)
            {
                var task = submission.Tasks[i];
                if (!seen.Add(task.RunId)) continue;
                byTask.TryGetValue((submission.JobId!, i), out var entry);
                string log = submission.LogPath(i);
                var (state, detail) = Merge(Manifest(store, task.RunId), entry, log);
                result.Add(new SlurmTaskStatus(task, $"{submission.JobId}_{i.ToString(CultureInfo.InvariantCulture)}", state, entry?.State ?? "-", detail, log));
            }
        }
        return result;
    }

    /// <summary>The merged state of one row given its run manifest (or null) and Slurm's entry (or null).</summary>
    public static (SlurmTaskState State, string Detail) Merge(RunManifest? run, SlurmQueueEntry? slurm, string logPath)
    {
        if (run?.Status == RunStatus.Finished) return (SlurmTaskState.Finished, run.Message ?? "");
        if (slurm is { IsActive: true })
        {
            if (slurm.State == "PENDING") return (SlurmTaskState.Pending, slurm.Reason);
            string progress = run?.Progress is { } p ? $"epoch {p.Epoch}/{p.TotalEpochs}" : "starting";
            return (SlurmTaskState.Running, progress);
        }
        if (run?.Status is RunStatus.Failed or RunStatus.Diverged) return (SlurmTaskState.Failed, $"{run.Status}: {run.Message}");
        if (run?.Status is RunStatus.Cancelled or RunStatus.TimeBudgetExhausted)
        {
            return (SlurmTaskState.Stopped, $"{run.Status} at epoch {run.Progress?.Epoch ?? 0}/{run.Progress?.TotalEpochs}; resubmit to continue");
        }
        if (slurm is not null)
        {
            string exit = slurm.ExitCode is { } code ? $" (exit {code})" : "";
            return (SlurmTaskState.Failed, $"task {slurm.State}{exit}: {LastLogLine(logPath)}");
        }
        if (run is not null) return (SlurmTaskState.Stopped, $"{run.Status} at epoch {run.Progress?.Epoch ?? 0}, no task queued; resubmit to continue");
        return File.Exists(logPath)
            ? (SlurmTaskState.Failed, "ended without a record: " + LastLogLine(logPath))
            : (SlurmTaskState.Unknown, "not started, and Slurm no longer lists it");
    }

    /// <summary>The last line of a task's log that is not one of the script's own <c>==</c> lines, or a note when there is none.</summary>
    public static string LastLogLine(string logPath)
    {
        if (!File.Exists(logPath)) return "no log yet";
        string? last = null;
        foreach (string line in File.ReadLines(logPath))
        {
            string t = line.Trim();
            if (t.Length > 0 && !t.StartsWith("==", StringComparison.Ordinal)) last = t;
        }
        return last ?? "the log has no message";
    }

    private static RunManifest? Manifest(RunStore store, string runId)
    {
        string file = Path.Combine(store.Root, runId, RunFiles.Manifest);
        if (!File.Exists(file)) return null;
        try
        {
            return RunStore.ReadManifest(Path.GetDirectoryName(file)!);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null; // being written by a task right now
        }
    }
}
