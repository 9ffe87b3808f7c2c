using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Papers.FacilityLocation;

/// <summary>One cell of the ablation table: a (dataset, variant, preset, loss, C/m) group of runs over seeds.</summary>
/// <param name="Dataset">Dataset.</param>
/// <param name="Variant">Variant.</param>
/// <param name="Preset">Preset label.</param>
/// <param name="Loss">Loss name.</param>
/// <param name="Ratio">C/m.</param>
/// <param name="BatchSize">m.</param>
/// <param name="Steps">Optimiser steps per run.</param>
/// <param name="Seeds">Run seeds.</param>
/// <param name="Mean">Mean of each metric over seeds (fractions).</param>
/// <param name="Sd">Sample standard deviation of each metric (NaN for one seed).</param>
/// <param name="SecondsPerRun">Mean wall time per run.</param>
/// <param name="Commits">Distinct git commits of the runs (short).</param>
public sealed record DmlAblationRow(string Dataset, string Variant, string Preset, string Loss, double Ratio, int BatchSize, long Steps,
    IReadOnlyList<long> Seeds, IReadOnlyDictionary<string, double> Mean, IReadOnlyDictionary<string, double> Sd, double SecondsPerRun, IReadOnlyList<string> Commits)
{
    /// <summary>Groups run rows into cells (mean and sample sd per metric).</summary>
    public static IReadOnlyList<DmlAblationRow> FromRuns(IEnumerable<DmlRunRow> runs) =>
        runs.GroupBy(r => (r.Dataset, r.Variant, r.Preset, r.Loss, r.Ratio, r.BatchSize, r.Steps))
            .Select(g =>
            {
                var list = g.OrderBy(r => r.Seed).ToList();
                var summaries = SeedAggregate.Summarize(list.Select(r => r.Metrics).ToList());
                var mean = summaries.ToDictionary(kv => kv.Key, kv => kv.Value.Mean);
                var sd = summaries.ToDictionary(kv => kv.Key, kv => kv.Value.StandardDeviation ?? double.NaN);
                return new DmlAblationRow(g.Key.Dataset, g.Key.Variant, g.Key.Preset, g.Key.Loss, g.Key.Ratio, g.Key.BatchSize, g.Key.Steps,
                    list.Select(r => r.Seed).ToList(), mean, sd, list.Average(r => r.TotalSeconds),
                    list.Select(r => r.Commit is { Length: >= 7 } c ? c[..7] : "unknown").Distinct().ToList());
            })
            .OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.Variant, StringComparer.Ordinal)
            .ThenBy(r => DmlLosses.Order(r.Loss)).ThenBy(r => r.Ratio)
            .ToList();
}
