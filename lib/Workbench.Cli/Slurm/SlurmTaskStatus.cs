namespace Workbench.Cli.Slurm;

/// <summary>One submitted row × seed: its task, merged state, Slurm's view, log and message.</summary>
/// <param name="Task">The task (label, run id, command line).</param>
/// <param name="JobId">The array task's id, <c>&lt;array&gt;_&lt;index&gt;</c>.</param>
/// <param name="State">The merged state.</param>
/// <param name="SlurmState">What Slurm says (<c>PENDING</c>, <c>RUNNING</c>, <c>COMPLETED</c>, …) or <c>-</c> when it has forgotten the task.</param>
/// <param name="Detail">Progress (<c>epoch 3/5</c>), the queue reason, or the failure message.</param>
/// <param name="LogPath">The task's log file.</param>
public sealed record SlurmTaskStatus(SlurmTask Task, string JobId, SlurmTaskState State, string SlurmState, string Detail, string LogPath);
