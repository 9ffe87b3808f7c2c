namespace Workbench.Experiments.Ablation;

/// <summary>Where one row × seed of an ablation stands in the run store.</summary>
public enum AblationCellState
{
    /// <summary>No record yet.</summary>
    Pending,

    /// <summary>A record is being written (a process is running it, or one was killed without a trace).</summary>
    Running,

    /// <summary>A finished record exists; the table uses it.</summary>
    Finished,

    /// <summary>Stopped by Ctrl+C or its time budget; resumable with <c>workbench experiment run &lt;method&gt; --resume &lt;run&gt;</c>.</summary>
    Stopped,

    /// <summary>Failed or diverged; the message says why.</summary>
    Failed,
}
