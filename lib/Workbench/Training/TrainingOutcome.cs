using Workbench.Training.Records;
using Workbench.Training.Sessions;

namespace Workbench.Training;

/// <summary>How a <see cref="Trainer.Run"/> call ended.</summary>
/// <param name="Status"><see cref="RunStatus.Finished"/>, <see cref="RunStatus.Cancelled"/>, <see cref="RunStatus.TimeBudgetExhausted"/> or <see cref="RunStatus.Diverged"/>.</param>
/// <param name="State">The trainer state at its last completed epoch.</param>
/// <param name="Message">One paragraph for people: what happened, where, what is kept, what to do.</param>
/// <param name="Divergence">Details when the run diverged.</param>
/// <param name="FinalEvaluation">The evaluation after the last epoch, when the run finished.</param>
public sealed record TrainingOutcome(
    RunStatus Status,
    TrainerState State,
    string Message,
    DivergenceReport? Divergence = null,
    EvaluationResult? FinalEvaluation = null);
