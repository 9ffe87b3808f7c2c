namespace Workbench.Training.Sessions;

/// <summary>When an evaluation runs.</summary>
/// <param name="Epoch">0-based index of the epoch just completed.</param>
/// <param name="GlobalStep">Optimizer steps completed.</param>
/// <param name="IsFinal">Whether this is the evaluation after the last epoch.</param>
/// <param name="Session">The session context (device, random streams).</param>
public sealed record EvaluationContext(int Epoch, long GlobalStep, bool IsFinal, SessionContext Session);
