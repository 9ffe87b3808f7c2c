using Microsoft.Data.Analysis;
using Workbench.Reporting.Charts;

namespace Workbench.Reporting.Tables;

/// <summary>
/// Paper / ours / gap: for each published number that our runs reproduce (same dataset, setting,
/// method and metric, compared case-insensitively), one row per (variant, preset) of ours with the
/// paper's value, our mean ± sd over seeds and n, and gap = ours − paper, all in the paper's scale.
/// </summary>
public static class PaperComparison
{
    /// <summary>Builds the comparison.</summary>
    /// <param name="ours">Our runs (one per seed).</param>
    /// <param name="paper">Published numbers, e.g. <see cref="PaperResults.LoadDefault"/>.</param>
    /// <param name="ourScale">Scale of our metric values (converted to each paper row's scale).</param>
    /// <param name="methodNames">Our method name → the paper's, where they differ (e.g. "FacilityLocation" → "Clustering").</param>
    /// <param name="includeMissing">Also list published numbers we have no run for (variant and preset "not run", ours null).</param>
    /// <returns>Columns: paper, dataset, setting, method, metric, variant, preset, n, paper value, ours, ours sd, gap, status, source.</returns>
    public static DataFrame Build(IEnumerable<RunMetrics> ours, IReadOnlyList<PaperResult> paper, ValueScale ourScale = ValueScale.Fraction,
        IReadOnlyDictionary<string, string>? methodNames = null, bool includeMissing = false)
    {
        var runs = ours.ToList();
        var groups = runs.GroupBy(r => (Key(r.Dataset), Key(r.Setting), Key(Rename(r.Method, methodNames)), r.Variant, r.Preset)).ToList();
        var rows = new List<(PaperResult P, string Variant, string Preset, MeanSd? Ours)>();
        foreach (var p in paper)
        {
            bool any = false;
            foreach (var g in groups.Where(g => g.Key.Item1 == Key(p.Dataset) && g.Key.Item2 == Key(p.Setting) && g.Key.Item3 == Key(p.Method)))
            {
                var found = g.Select(r => Find(r, p.Metric)).ToList();
                if (found.All(v => v is null)) continue;
                if (found.Any(v => v is null))
                    throw new ArgumentException($"'{p.Metric}' is missing in some seeds of {g.First().Method} / {g.Key.Variant} / {g.Key.Preset} ({p.Dataset}, {p.Setting}).", nameof(ours));
                var values = found.Select(v => Convert(v!.Value, ourScale, p.Scale));
                rows.Add((p, g.Key.Variant, g.Key.Preset, MeanSd.Of(values)));
                any = true;
            }
            if (!any && includeMissing) rows.Add((p, "not run", "not run", null));
        }
        return new DataFrame(
            new StringDataFrameColumn("paper", rows.Select(r => r.P.Paper)),
            new StringDataFrameColumn("dataset", rows.Select(r => r.P.Dataset)),
            new StringDataFrameColumn("setting", rows.Select(r => r.P.Setting)),
            new StringDataFrameColumn("method", rows.Select(r => r.P.Method)),
            new StringDataFrameColumn("metric", rows.Select(r => r.P.Metric + (r.P.Scale == ValueScale.Percent ? " (%)" : ""))),
            new StringDataFrameColumn("variant", rows.Select(r => r.Variant)),
            new StringDataFrameColumn("preset", rows.Select(r => r.Preset)),
            new Int32DataFrameColumn("n", rows.Select(r => r.Ours?.N ?? 0)),
            new DoubleDataFrameColumn("paper value", rows.Select(r => r.P.Value)),
            new DoubleDataFrameColumn("ours", rows.Select(r => r.Ours?.Mean)),
            new DoubleDataFrameColumn("ours" + AblationTable.SdSuffix, rows.Select(r => r.Ours?.Sd)),
            new DoubleDataFrameColumn("gap", rows.Select(r => r.Ours is { } o ? o.Mean - r.P.Value : (double?)null)),
            new StringDataFrameColumn("status", rows.Select(r => r.P.Status)),
            new StringDataFrameColumn("source", rows.Select(r => r.P.Source)));
    }

    private static double? Find(RunMetrics run, string metric)
    {
        foreach (var kv in run.Metrics)
        {
            if (Key(kv.Key) == Key(metric)) return kv.Value;
        }
        return null;
    }

    private static string Rename(string method, IReadOnlyDictionary<string, string>? names) =>
        names is not null && names.TryGetValue(method, out var renamed) ? renamed : method;

    private static string Key(string? s) => (s ?? "").Trim().ToLowerInvariant();

    private static double Convert(double value, ValueScale from, ValueScale to) =>
        from == to ? value : from == ValueScale.Fraction ? value * 100 : value / 100;
}
