namespace Workbench.Experiments.Ablation;

/// <summary>How an ablation runs (none of it changes a run's configuration or identity).</summary>
public sealed record AblationRunOptions
{
    /// <summary>Train every row × seed again even when a finished record exists (records are kept; new runs get new ids).</summary>
    public bool Force { get; init; }

    /// <summary>Device request for in-process runs: <c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> (null: <c>WORKBENCH_DEVICE</c>, else auto).</summary>
    public string? Device { get; init; }

    /// <summary>Who runs the tasks (default: <see cref="LocalAblationScheduler"/>, one after another in this process).</summary>
    public IAblationScheduler? Scheduler { get; init; }

    /// <summary>Receives runs done / total, the current run and the estimated time left.</summary>
    public IProgress<AblationProgress>? Progress { get; init; }

    /// <summary>Stops before the next run (the current one stops resumably before its next step).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Receives human-readable lines (reuse decisions, where records go).</summary>
    public Action<string>? Log { get; init; }
}
