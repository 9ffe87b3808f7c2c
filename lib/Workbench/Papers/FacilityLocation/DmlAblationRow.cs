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
                var metricNames = list.SelectMany(r => r.Metrics.Keys).Distinct().ToList();
                var mean = new Dictionary<string, double>();
                var sd = new Dictionary<string, double>();
                foreach (var m in metricNames)
                {
                    var v = list.Where(r => r.Metrics.ContainsKey(m)).Select(r => r.Metrics[m]).ToArray();
                    double mu = v.Average();
                    mean[m] = mu;
                    sd[m] = v.Length < 2 ? double.NaN : Math.Sqrt(v.Sum(x => (x - mu) * (x - mu)) / (v.Length - 1));
                }
                return new DmlAblationRow(g.Key.Dataset, g.Key.Variant, g.Key.Preset, g.Key.Loss, g.Key.Ratio, g.Key.BatchSize, g.Key.Steps,
                    list.Select(r => r.Seed).ToList(), mean, sd, list.Average(r => r.TotalSeconds),
                    list.Select(r => r.Commit is { Length: >= 7 } c ? c[..7] : "unknown").Distinct().ToList());
            })
            .OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.Variant, StringComparer.Ordinal)
            .ThenBy(r => DmlRunRecords.LossOrder(r.Loss)).ThenBy(r => r.Ratio)
            .ToList();
}
