using System.CommandLine;

namespace Workbench.Cli.Slurm;

/// <summary>
/// The options of <c>workbench ablation run … --scheduler slurm</c>, declared once: which scheduler, what sbatch is asked
/// for per task, extra sbatch arguments, how nodes start the workbench, and <c>--dry-run</c> (print the script).
/// </summary>
public sealed class SlurmCliOptions
{
    /// <summary><c>--scheduler local|slurm</c>.</summary>
    public Option<string> Scheduler { get; } = new("--scheduler")
    {
        Description = "local (default: one run after another in this process) or slurm (one sbatch job array, one task per run still to do).",
        DefaultValueFactory = _ => "local",
    };

    /// <summary><c>--partition</c>.</summary>
    public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm partition of every task." };

    /// <summary><c>--gres</c>.</summary>
    public Option<string?> Gres { get; } = new("--gres") { Description = "Generic resources per task, e.g. gpu:1 (use the CUDA build of the workbench)." };

    /// <summary><c>--time</c>.</summary>
    public Option<string?> Time { get; } = new("--time") { Description = "Time limit per task (Slurm syntax: 90, 02:00:00, 1-00:00); runs checkpoint and requeue before it." };

    /// <summary><c>--mem</c>.</summary>
    public Option<string?> Memory { get; } = new("--mem") { Description = "Memory per task, e.g. 16G." };

    /// <summary><c>--cpus-per-task</c>.</summary>
    public Option<int> CpusPerTask { get; } = new("--cpus-per-task") { Description = "CPUs per task (also its torch threads unless WORKBENCH_THREADS is set).", DefaultValueFactory = _ => 1 };

    /// <summary><c>--account</c>.</summary>
    public Option<string?> Account { get; } = new("--account") { Description = "Slurm account to charge." };

    /// <summary><c>--max-parallel</c>.</summary>
    public Option<int?> MaxParallel { get; } = new("--max-parallel") { Description = "At most this many tasks at once (--array=...%N)." };

    /// <summary><c>--sbatch</c>.</summary>
    public Option<string[]> Sbatch { get; } = new("--sbatch") { Description = "Extra sbatch argument, passed through as an #SBATCH line (repeatable): --sbatch=--qos=long." };

    /// <summary><c>--signal-seconds</c>.</summary>
    public Option<int> SignalSeconds { get; } = new("--signal-seconds")
    {
        Description = "TERM this many seconds before the time limit, so the run checkpoints and the task requeues itself.",
        DefaultValueFactory = _ => SlurmJobOptions.DefaultSignalSeconds,
    };

    /// <summary><c>--max-requeues</c>.</summary>
    public Option<int> MaxRequeues { get; } = new("--max-requeues")
    {
        Description = "How often a task stopped by TERM requeues itself; then a resubmission continues it.",
        DefaultValueFactory = _ => SlurmJobOptions.DefaultMaxRequeues,
    };

    /// <summary><c>--workbench</c>.</summary>
    public Option<string?> Workbench { get; } = new("--workbench")
    {
        Description = $"Command that starts the workbench on a node (default: this very build; or ${SlurmLauncher.Variable}), e.g. \"dotnet /shared/wb/Workbench.Cli.dll\".",
    };

    /// <summary><c>--dry-run</c>.</summary>
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "With --scheduler slurm: print the sbatch script instead of submitting it." };

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [Scheduler, Partition, Gres, Time, Memory, CpusPerTask, Account, MaxParallel, Sbatch, SignalSeconds, MaxRequeues, Workbench, DryRun];

    /// <summary>True when <c>--scheduler slurm</c>; false for <c>local</c>.</summary>
    /// <exception cref="ArgumentException">Another scheduler name, or Slurm options without <c>--scheduler slurm</c>.</exception>
    public bool UsesSlurm(ParseResult parse)
    {
        string name = (parse.GetValue(Scheduler) ?? "local").Trim().ToLowerInvariant();
        if (name == "slurm") return true;
        if (name != "local") throw new ArgumentException($"--scheduler '{name}' is not known; use local or slurm.");
        if (parse.GetValue(DryRun)) throw new ArgumentException("--dry-run prints the Slurm script; add --scheduler slurm.");
        return false;
    }

    /// <summary>The job options the parse asks for.</summary>
    /// <exception cref="ArgumentException">No command for the nodes could be found, or a bad number.</exception>
    public SlurmJobOptions JobOptions(ParseResult parse) => new()
    {
        Partition = parse.GetValue(Partition),
        Gres = parse.GetValue(Gres),
        Time = parse.GetValue(Time),
        Memory = parse.GetValue(Memory),
        CpusPerTask = parse.GetValue(CpusPerTask),
        Account = parse.GetValue(Account),
        MaxParallel = parse.GetValue(MaxParallel),
        ExtraArguments = parse.GetValue(Sbatch) ?? [],
        SignalSeconds = parse.GetValue(SignalSeconds),
        MaxRequeues = parse.GetValue(MaxRequeues),
        Workbench = SlurmLauncher.Resolve(parse.GetValue(Workbench)),
    };
}
