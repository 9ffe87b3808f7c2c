namespace Workbench.Training.Records;

/// <summary>Where and how a run diverged (NaN or infinite loss or gradient norm).</summary>
/// <param name="Epoch">0-based epoch of the bad step.</param>
/// <param name="StepInEpoch">0-based step within that epoch.</param>
/// <param name="GlobalStep">0-based global step.</param>
/// <param name="Quantity">What was not finite: <c>loss</c>, a loss part name, or <c>gradient norm</c>.</param>
/// <param name="Values">The values read at the bad step (loss and parts, or the gradient norm).</param>
/// <param name="LastFiniteStep">Global step of the last step whose losses were all finite, or null if none.</param>
/// <param name="LastFiniteLosses">The losses of that step.</param>
/// <param name="CheckpointEpoch">Completed epochs in the kept checkpoint, or null when there is none.</param>
/// <param name="CheckpointPath">The kept checkpoint, or null.</param>
public sealed record DivergenceReport(
    int Epoch,
    int StepInEpoch,
    long GlobalStep,
    string Quantity,
    IReadOnlyDictionary<string, double> Values,
    long? LastFiniteStep,
    IReadOnlyDictionary<string, double>? LastFiniteLosses,
    int? CheckpointEpoch,
    string? CheckpointPath);
