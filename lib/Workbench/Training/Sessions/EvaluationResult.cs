namespace Workbench.Training.Sessions;

/// <summary>What an evaluation returns: named metrics and, optionally, one row per query.</summary>
/// <param name="Metrics">Metric name → value, e.g. <c>P@1</c>, <c>mAP@1000</c>, <c>R@1</c>, <c>NMI</c>.</param>
/// <param name="PerQuery">Per-query rows for <c>per-query.csv</c> (failure analysis), or null.</param>
public sealed record EvaluationResult(IReadOnlyDictionary<string, double> Metrics, PerQueryTable? PerQuery = null);
