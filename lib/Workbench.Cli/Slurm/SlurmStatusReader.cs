using System.Globalization;
using System.Text.RegularExpressions;
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

    /// <summary>
    /// The message of a task's log: among the lines the workbench wrote (not the script's own <c>==</c> lines, not srun's or
    /// slurmstepd's; colours removed), the last one that reports a problem (error, failed, invalid, exception, …) joined with
    /// the line after it when it ends with a colon, else the last line; at most 300 characters. A note when there is none.
    /// </summary>
    public static string LastLogLine(string logPath)
    {
        if (!File.Exists(logPath)) return "no log yet";
        var lines = File.ReadLines(logPath).Select(l => Ansi.Replace(l, "").Trim())
            .Where(t => t.Length > 0 && !t.StartsWith("==", StringComparison.Ordinal) && !IsSlurmLine(t)).ToList();
        if (lines.Count == 0) return "the log has no message";
        int at = lines.FindLastIndex(l => Problem.IsMatch(l));
        string message = at < 0 ? lines[^1] : lines[at].EndsWith(':') && at + 1 < lines.Count ? lines[at] + " " + lines[at + 1] : lines[at];
        return message.Length <= 300 ? message : message[..297] + "...";
    }

    private static readonly Regex Ansi = new(@"\x1b\[[0-9;?]*[A-Za-z]", RegexOptions.Compiled);

    private static readonly Regex Problem = new(@"error|fail|invalid|exception|diverged|missing|cannot|not found|denied|killed", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static bool IsSlurmLine(string line) =>
        line.StartsWith("srun:", StringComparison.Ordinal) || line.StartsWith("slurmstepd", StringComparison.Ordinal);

    // The run's folder, or a retrained copy of it (run-2, … when an earlier attempt died before its first
    // checkpoint): a finished one wins, else the newest.
    private static RunManifest? Manifest(RunStore store, string runId)
    {
        var found = new List<RunManifest>();
        foreach (string dir in new[] { Path.Combine(store.Root, runId) }.Concat(Copies(store.Root, runId)))
        {
            if (!File.Exists(Path.Combine(dir, RunFiles.Manifest))) continue;
            try
            {
                found.Add(RunStore.ReadManifest(dir));
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // being written by a task right now
            }
        }
        return found.FirstOrDefault(m => m.Status == RunStatus.Finished) ?? found.OrderByDescending(m => m.StartedUtc).FirstOrDefault();
    }

    private static IEnumerable<string> Copies(string root, string runId) =>
        Directory.Exists(root)
            ? Directory.EnumerateDirectories(root, runId + "-*").Where(d => int.TryParse(Path.GetFileName(d)[(runId.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            : [];
}
