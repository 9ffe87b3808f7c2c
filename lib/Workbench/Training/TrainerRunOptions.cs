namespace Workbench.Training;

/// <summary>How one call of <see cref="Trainer.Run"/> behaves (none of this is part of the configuration hash).</summary>
public sealed record TrainerRunOptions
{
    /// <summary>Where the resumable checkpoint goes (atomically replaced; null = no checkpoints).</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Where the checkpoint of the best evaluation goes (null = not kept).</summary>
    public string? BestCheckpointPath { get; init; }

    /// <summary>Receives progress (throttled to <see cref="ProgressInterval"/>, plus every epoch end).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Minimum time between two step-level progress reports (default 200 ms).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Stop (resumably) when this much wall-clock time has passed in this call (null = no limit).</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Stops the run (resumably) before the next step.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Called after every epoch, before its checkpoint; the run records are written here.</summary>
    public Action<EpochReport>? EpochCompleted { get; init; }
}
