using Workbench.Training;

namespace Workbench.Experiments;

/// <summary>How the <see cref="ExperimentRunner"/> runs (none of this is part of the configuration hash).</summary>
public sealed record RunOptions
{
    /// <summary>Device request: <c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> (null: <c>WORKBENCH_DEVICE</c>, else auto).</summary>
    public string? Device { get; init; }

    /// <summary>Train again even when a finished run with the same configuration hash exists (its records are kept; the new run gets a new id).</summary>
    public bool Force { get; init; }

    /// <summary>Stop (resumably) after this much wall-clock time per run.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Receives training progress.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Stops the run (resumably) before its next step.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Receives human-readable lines (reuse decisions, where records go).</summary>
    public Action<string>? Log { get; init; }
}
