using Workbench.Experiments;
using Workbench.Experiments.Ablation;

namespace Workbench.Cli.Slurm;

/// <summary>
/// The engine's <see cref="IAblationScheduler"/> for Slurm: submits the plan's tasks (each its ordinary
/// <c>workbench experiment run … --out &lt;store&gt;</c> command line, plus the <c>--data</c> folders given here) as one
/// job array and returns at once; <c>workbench ablation status</c> follows the array, <c>ablation report</c> builds the
/// table from what has finished, and running the ablation again submits only the rows without a finished record.
/// </summary>
/// <param name="name">The submission's name, e.g. <c>spq-smoke</c> (submissions of one name are read together by status).</param>
/// <param name="options">What sbatch is asked for, and how nodes start the workbench.</param>
/// <param name="data">The <c>--data name=folder</c> pairs every task needs (folders as the nodes see them).</param>
/// <param name="dryRun">Only render the script (<see cref="Script"/>), submit nothing.</param>
/// <param name="scheduler">The submitter (default: the installed Slurm clients).</param>
public sealed class SlurmAblationScheduler(string name, SlurmJobOptions options, IReadOnlyList<string> data, bool dryRun, SlurmScheduler? scheduler = null)
    : IAblationScheduler
{
    /// <summary>The submission name of an ablation: <c>&lt;paper&gt;-&lt;preset&gt;</c>, e.g. <c>spq-smoke</c>.</summary>
    public static string NameOf(AblationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return $"{spec.Paper}-{spec.Preset.Name()}";
    }

    /// <summary>The submission of the last <see cref="Execute"/> (null before, or when there was nothing to do).</summary>
    public SlurmSubmission? Submission { get; private set; }

    /// <summary>The script of the last <see cref="Execute"/>.</summary>
    public string? Script { get; private set; }

    /// <inheritdoc />
    public bool Execute(AblationPlan plan, AblationRunOptions runOptions)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(runOptions);
        var log = runOptions.Log ?? (_ => { });
        if (plan.Tasks.Count == 0)
        {
            log("Every row has a finished record; nothing to submit.");
            return true;
        }
        var tasks = plan.Tasks.Select(ToSlurm).ToList();
        (Submission, Script) = (scheduler ?? new SlurmScheduler()).Submit(name, plan.StoreRoot, tasks, options, dryRun);
        if (!dryRun) log($"Submitted job array {Submission.JobId} ({tasks.Count} tasks) from {Submission.ScriptPath}; logs in {Submission.LogDirectory}.");
        return false;
    }

    /// <summary>The Slurm task of an ablation task: its label, run id and command line (with the <c>--data</c> folders).</summary>
    public SlurmTask ToSlurm(AblationTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var args = task.Arguments.ToList();
        foreach (string pair in data) args.AddRange(["--data", pair]);
        return new SlurmTask($"{task.Cell.Row.Key}, seed {task.Cell.Seed}", task.Cell.Experiment.Method.Name, task.RunId, args);
    }
}
