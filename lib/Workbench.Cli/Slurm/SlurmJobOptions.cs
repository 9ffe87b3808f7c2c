namespace Workbench.Cli.Slurm;

/// <summary>
/// What <c>sbatch</c> is asked for, per array task (each task is one run), and how a task reaches the
/// workbench on a node. Null fields are left to the cluster's defaults.
/// </summary>
public sealed record SlurmJobOptions
{
    /// <summary>Default seconds between the TERM sent before the time limit and the kill: enough to finish a step and write a checkpoint.</summary>
    public const int DefaultSignalSeconds = 120;

    /// <summary>Default number of self-requeues of a task that stopped resumably (TERM before its time limit or preemption).</summary>
    public const int DefaultMaxRequeues = 3;

    /// <summary><c>--job-name</c> (default <c>workbench-&lt;name&gt;</c>).</summary>
    public string? JobName { get; init; }

    /// <summary><c>--partition</c>.</summary>
    public string? Partition { get; init; }

    /// <summary><c>--gres</c>, e.g. <c>gpu:1</c> (the CUDA build of the workbench then uses it).</summary>
    public string? Gres { get; init; }

    /// <summary><c>--time</c> per task, Slurm's syntax (<c>minutes</c>, <c>hh:mm:ss</c>, <c>d-hh:mm</c>).</summary>
    public string? Time { get; init; }

    /// <summary><c>--mem</c> per task, e.g. <c>8G</c>.</summary>
    public string? Memory { get; init; }

    /// <summary><c>--cpus-per-task</c> (default 1); also the task's torch threads unless <c>WORKBENCH_THREADS</c> is set.</summary>
    public int CpusPerTask { get; init; } = 1;

    /// <summary><c>--account</c>.</summary>
    public string? Account { get; init; }

    /// <summary>At most this many tasks run at once (<c>--array=0-N%K</c>); null: as many as the cluster gives.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>Further <c>sbatch</c> arguments, each written as its own <c>#SBATCH</c> line, e.g. <c>--qos=long</c>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>TERM this many seconds before the time limit (<c>--signal=TERM@N</c>), so the run checkpoints and the task requeues itself.</summary>
    public int SignalSeconds { get; init; } = DefaultSignalSeconds;

    /// <summary>How often a task requeues itself after stopping resumably; then it ends and a resubmission continues it.</summary>
    public int MaxRequeues { get; init; } = DefaultMaxRequeues;

    /// <summary>The command that starts the workbench on a node (e.g. <c>dotnet /shared/wb/Workbench.Cli.dll</c> or a published <c>workbench</c>).</summary>
    public IReadOnlyList<string> Workbench { get; init; } = [];
}
