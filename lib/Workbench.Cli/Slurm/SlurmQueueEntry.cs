namespace Workbench.Cli.Slurm;

/// <summary>What Slurm reports about one array task.</summary>
/// <param name="ArrayJobId">The array's job id.</param>
/// <param name="TaskIndex">The array index.</param>
/// <param name="State">Slurm's state name: <c>PENDING</c>, <c>RUNNING</c>, <c>COMPLETED</c>, <c>FAILED</c>, <c>TIMEOUT</c>, <c>CANCELLED</c>, …</param>
/// <param name="Reason">Why it waits or ended (<c>Priority</c>, <c>Resources</c>, <c>BeginTime</c>, <c>None</c>, …).</param>
/// <param name="ExitCode">The task's <c>exit:signal</c> when known (from <c>sacct</c>), else null.</param>
public sealed record SlurmQueueEntry(string ArrayJobId, int TaskIndex, string State, string Reason, string? ExitCode = null)
{
    /// <summary>True while Slurm will still run it (pending, running, requeued, suspended, completing).</summary>
    public bool IsActive => State is "PENDING" or "RUNNING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESIZING"
        or "SUSPENDED" or "COMPLETING" or "CONFIGURING" or "STAGE_OUT" or "SIGNALING" or "STOPPED";
}
