namespace Workbench.Cli.Slurm;

/// <summary>
/// Fans an ablation's pending tasks out as one Slurm job array: writes the submission folder
/// (<see cref="SlurmSubmission"/>) with its <c>sbatch</c> script, submits it, and records the job id.
/// </summary>
public sealed class SlurmScheduler
{
    private readonly SlurmClient _client;

    /// <summary>A scheduler over <paramref name="client"/> (default: the installed Slurm clients).</summary>
    public SlurmScheduler(SlurmClient? client = null) => _client = client ?? new SlurmClient();

    /// <summary>
    /// Writes the script for <paramref name="tasks"/> and, unless <paramref name="dryRun"/>, submits it.
    /// Returns the record (with <see cref="SlurmSubmission.JobId"/> when submitted) and the script text.
    /// A dry run writes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">No tasks, or bad options (the message names the option).</exception>
    /// <exception cref="SlurmException">sbatch is missing or refused the script.</exception>
    public (SlurmSubmission Submission, string Script) Submit(string name, string store, IReadOnlyList<SlurmTask> tasks, SlurmJobOptions options, bool dryRun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        store = Path.GetFullPath(store);
        if (dryRun)
        {
            var preview = new SlurmSubmission { Name = name, Store = store, Directory = Path.Combine(SlurmSubmission.Root(store), name + "-<time>"), Tasks = tasks };
            return (preview, SlurmBatchScript.Render(name, tasks, options, store, preview.LogDirectory));
        }
        var submission = SlurmSubmission.Create(store, name, tasks, DateTimeOffset.UtcNow);
        string script = SlurmBatchScript.Render(name, tasks, options, store, submission.LogDirectory);
        File.WriteAllText(submission.ScriptPath, script);
        submission.Save();
        var submitted = submission with { JobId = _client.Submit(submission.ScriptPath) };
        submitted.Save();
        return (submitted, script);
    }
}
