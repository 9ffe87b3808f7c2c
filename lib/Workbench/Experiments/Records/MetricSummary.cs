namespace Workbench.Experiments.Records;

/// <summary>One metric over several seeds.</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1 in the denominator); null for a single value.</param>
/// <param name="Count">Number of seeds that reported the metric.</param>
/// <param name="Values">The per-seed values, in seed order.</param>
public sealed record MetricSummary(double Mean, double? StandardDeviation, int Count, IReadOnlyList<double> Values);
