namespace Workbench.Experiments.Records;

/// <summary>How far a run got.</summary>
/// <param name="Epoch">Completed epochs.</param>
/// <param name="Step">Completed optimizer steps.</param>
/// <param name="TotalEpochs">Epochs of the full run.</param>
/// <param name="TotalSteps">Optimizer steps of the full run.</param>
/// <param name="StepsPerEpoch">Steps per epoch of the method's data.</param>
public sealed record RunProgressInfo(int Epoch, long Step, int TotalEpochs, long TotalSteps, int StepsPerEpoch);
