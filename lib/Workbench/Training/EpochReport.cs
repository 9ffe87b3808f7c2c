using Workbench.Training.Records;
using Workbench.Training.Sessions;

namespace Workbench.Training;

/// <summary>What the trainer hands to <see cref="TrainerRunOptions.EpochCompleted"/> after each epoch (before its checkpoint is written).</summary>
/// <param name="State">The trainer state after the epoch.</param>
/// <param name="Row">The epoch's history row.</param>
/// <param name="Evaluation">The evaluation after the epoch, or null when none was due.</param>
/// <param name="IsBest">Whether that evaluation became the best so far.</param>
/// <param name="IsFinal">Whether this was the run's last epoch.</param>
public sealed record EpochReport(TrainerState State, HistoryRow Row, EvaluationResult? Evaluation, bool IsBest, bool IsFinal);
