namespace Workbench.Training.Sessions;

/// <summary>Where the trainer is when an epoch starts.</summary>
/// <param name="Epoch">0-based epoch index.</param>
/// <param name="TotalEpochs">Epochs in the run (the last may be partial).</param>
/// <param name="GlobalStep">Optimizer steps completed before this epoch.</param>
/// <param name="TotalSteps">Optimizer steps in the run.</param>
/// <param name="StepsThisEpoch">Steps this epoch will run (fewer than <c>StepsPerEpoch</c> only in a step-limited last epoch).</param>
/// <param name="LearningRate">Learning rate at the epoch's first step.</param>
/// <param name="Session">The session context (device, random streams).</param>
public sealed record EpochContext(
    int Epoch, int TotalEpochs, long GlobalStep, long TotalSteps, int StepsThisEpoch, double LearningRate, SessionContext Session);
