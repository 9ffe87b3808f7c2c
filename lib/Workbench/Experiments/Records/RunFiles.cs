namespace Workbench.Experiments.Records;

/// <summary>The file names inside a run folder <c>artifacts/runs/&lt;run-id&gt;/</c>.</summary>
public static class RunFiles
{
    /// <summary>Resolved config, labels, versions, device, commit, times, status.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>Per-epoch losses, learning rate, metrics and times.</summary>
    public const string History = "history.csv";

    /// <summary>Final and best-epoch metrics (an aggregate: mean and sd per metric).</summary>
    public const string Metrics = "metrics.json";

    /// <summary>Per-query rows of the final evaluation.</summary>
    public const string PerQuery = "per-query.csv";

    /// <summary>Per-query rows of the best evaluation.</summary>
    public const string PerQueryBest = "per-query-best.csv";

    /// <summary>Folder of checkpoints.</summary>
    public const string CheckpointFolder = "checkpoints";

    /// <summary>The latest resumable checkpoint, relative to the run folder.</summary>
    public static readonly string LastCheckpoint = Path.Combine(CheckpointFolder, "last.ckpt");

    /// <summary>The checkpoint of the best evaluation, relative to the run folder.</summary>
    public static readonly string BestCheckpoint = Path.Combine(CheckpointFolder, "best.ckpt");
}
