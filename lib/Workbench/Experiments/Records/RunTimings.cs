namespace Workbench.Experiments.Records;

/// <summary>Wall-clock seconds spent, summed over every segment of a run (a resumed run has several).</summary>
public sealed record RunTimings
{
    /// <summary>Building the session (data, model) and restoring checkpoints.</summary>
    public double SetupSeconds { get; init; }

    /// <summary>Training steps.</summary>
    public double TrainSeconds { get; init; }

    /// <summary>Evaluations.</summary>
    public double EvalSeconds { get; init; }

    /// <summary>Writing checkpoints.</summary>
    public double CheckpointSeconds { get; init; }

    /// <summary>Everything, from start to end of each segment.</summary>
    public double TotalSeconds { get; init; }
}
