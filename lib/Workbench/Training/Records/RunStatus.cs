namespace Workbench.Training.Records;

/// <summary>Where a run stands, as recorded in its manifest.</summary>
public enum RunStatus
{
    /// <summary>Started and not ended (or the process was killed): resume it with <c>--resume</c>.</summary>
    Running,

    /// <summary>Trained to the end and evaluated; its records may be reused.</summary>
    Finished,

    /// <summary>Stopped by cancellation (Ctrl+C); resumable from the last checkpoint.</summary>
    Cancelled,

    /// <summary>Stopped when the wall-clock budget ran out; resumable from the last checkpoint.</summary>
    TimeBudgetExhausted,

    /// <summary>A loss or the gradient norm became NaN or infinite; the last finite checkpoint is kept.</summary>
    Diverged,

    /// <summary>An exception ended the run; see the manifest's message.</summary>
    Failed,
}
