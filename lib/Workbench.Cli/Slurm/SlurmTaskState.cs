namespace Workbench.Cli.Slurm;

/// <summary>Where a submitted row stands, from the run store and Slurm together.</summary>
public enum SlurmTaskState
{
    /// <summary>Waiting in the queue (see the reason).</summary>
    Pending,

    /// <summary>A task is training the row.</summary>
    Running,

    /// <summary>The row has a finished record.</summary>
    Finished,

    /// <summary>The row stopped resumably (time limit, preemption, TERM) and no task is queued for it: resubmit to continue.</summary>
    Stopped,

    /// <summary>The run failed or diverged, or the task ended without a record (see the log).</summary>
    Failed,

    /// <summary>Neither Slurm nor the store know of it yet (a task that never started and that Slurm has forgotten).</summary>
    Unknown,
}
