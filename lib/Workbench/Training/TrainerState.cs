using Workbench.Training.Records;

namespace Workbench.Training;

/// <summary>
/// The trainer's own state at an epoch boundary, saved in every checkpoint: position, history,
/// best and latest evaluation, time spent. A resumed run continues from exactly this.
/// </summary>
public sealed class TrainerState
{
    /// <summary>Completed epochs (the next epoch's 0-based index).</summary>
    public int Epoch { get; set; }

    /// <summary>Completed optimizer steps.</summary>
    public long Step { get; set; }

    /// <summary>One row per completed epoch.</summary>
    public List<HistoryRow> History { get; set; } = [];

    /// <summary>The best evaluation so far by the session's selection metric (or the latest when it has none).</summary>
    public EvaluationSnapshot? Best { get; set; }

    /// <summary>The latest evaluation.</summary>
    public EvaluationSnapshot? Last { get; set; }

    /// <summary>Seconds in training steps so far (all segments).</summary>
    public double TrainSeconds { get; set; }

    /// <summary>Seconds in evaluations so far (all segments).</summary>
    public double EvalSeconds { get; set; }

    /// <summary>Seconds writing checkpoints so far (all segments).</summary>
    public double CheckpointSeconds { get; set; }
}
