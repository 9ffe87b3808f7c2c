using Workbench.Experiments.Records;

namespace Workbench.Experiments;

/// <summary>What a multi-seed run gave: one result per seed and, when all finished, the aggregate record.</summary>
/// <param name="Runs">Per-seed results, in seed order (fewer than requested when one did not finish).</param>
/// <param name="AggregateDirectory">The aggregate's folder, or null when not every seed finished.</param>
/// <param name="Aggregate">Mean and sample sd per metric, or null.</param>
public sealed record MultiSeedResult(IReadOnlyList<RunResult> Runs, string? AggregateDirectory, AggregateMetricsRecord? Aggregate);
