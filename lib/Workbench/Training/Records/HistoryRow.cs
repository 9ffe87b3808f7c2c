namespace Workbench.Training.Records;

/// <summary>One epoch of <c>history.csv</c>.</summary>
public sealed record HistoryRow
{
    /// <summary>0-based epoch index.</summary>
    public int Epoch { get; init; }

    /// <summary>Optimizer steps completed at the end of the epoch.</summary>
    public long Step { get; init; }

    /// <summary>Learning rate of the epoch's last step.</summary>
    public double LearningRate { get; init; }

    /// <summary>Mean over the epoch's steps of the total loss (<c>loss</c>) and of each named part, in first-seen order.</summary>
    public IReadOnlyDictionary<string, double> Losses { get; init; } = new Dictionary<string, double>();

    /// <summary>Evaluation metrics after this epoch; empty when the epoch was not evaluated.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Wall-clock seconds of the epoch's training steps.</summary>
    public double TrainSeconds { get; init; }

    /// <summary>Wall-clock seconds of the evaluation after the epoch (0 when none).</summary>
    public double EvalSeconds { get; init; }
}
