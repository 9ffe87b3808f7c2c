namespace Workbench.Training.Sessions;

/// <summary>Where the trainer is at one optimizer step.</summary>
/// <param name="Epoch">0-based epoch index.</param>
/// <param name="StepInEpoch">0-based step within the epoch (the batch index).</param>
/// <param name="GlobalStep">0-based optimizer step over the run.</param>
/// <param name="TotalEpochs">Epochs in the run.</param>
/// <param name="TotalSteps">Optimizer steps in the run.</param>
/// <param name="LearningRate">Learning rate of this step.</param>
/// <param name="Session">The session context (device, random streams).</param>
public sealed record StepContext(
    int Epoch, int StepInEpoch, long GlobalStep, int TotalEpochs, long TotalSteps, double LearningRate, SessionContext Session);
