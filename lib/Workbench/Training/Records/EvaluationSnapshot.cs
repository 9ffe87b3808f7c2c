namespace Workbench.Training.Records;

/// <summary>The metrics of one evaluation and when it ran.</summary>
/// <param name="Label"><c>final</c> (after the last epoch) or <c>best</c> (the selected epoch), or <c>last</c> while a run is unfinished.</param>
/// <param name="Epoch">0-based epoch after which the evaluation ran.</param>
/// <param name="Step">Optimizer steps completed at that point.</param>
/// <param name="Metrics">Metric name → value.</param>
public sealed record EvaluationSnapshot(string Label, int Epoch, long Step, IReadOnlyDictionary<string, double> Metrics);
