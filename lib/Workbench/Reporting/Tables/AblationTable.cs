using Microsoft.Data.Analysis;

namespace Workbench.Reporting.Tables;

/// <summary>
/// The ablation grid as a <see cref="DataFrame"/>: one row per (dataset, setting, method, variant,
/// preset) in first-seen order, with <c>n</c> (runs), <c>seeds</c>, and for each metric two columns,
/// <c>&lt;metric&gt;</c> (mean over seeds) and <c>&lt;metric&gt; sd</c> (sample sd; NaN when n = 1).
/// </summary>
/// <remarks>The <c>dataset</c> and <c>setting</c> columns are present only if some run names them.
/// Every row carries its preset label and variant. A metric missing in every run of a row is null;
/// missing in only some runs of a row is an error (the mean would silently use fewer seeds).</remarks>
public static class AblationTable
{
    /// <summary>Suffix of the standard-deviation column of a metric.</summary>
    public const string SdSuffix = " sd";

    /// <summary>Builds the table.</summary>
    /// <param name="runs">Per-run results (one per seed).</param>
    /// <param name="metrics">Metric columns in order; default every metric in first-seen order.</param>
    public static DataFrame Build(IEnumerable<RunMetrics> runs, IReadOnlyList<string>? metrics = null)
    {
        var all = runs.ToList();
        if (all.Count == 0) throw new ArgumentException("No runs to tabulate.", nameof(runs));
        var metricNames = metrics ?? all.SelectMany(r => r.Metrics.Keys).Distinct().ToList();
        bool hasDataset = all.Any(r => r.Dataset is not null), hasSetting = all.Any(r => r.Setting is not null);
        var groups = all.GroupBy(r => (r.Dataset, r.Setting, r.Method, r.Variant, r.Preset)).ToList();

        var cols = new List<DataFrameColumn>();
        if (hasDataset) cols.Add(new StringDataFrameColumn("dataset", groups.Select(g => g.Key.Dataset ?? "")));
        if (hasSetting) cols.Add(new StringDataFrameColumn("setting", groups.Select(g => g.Key.Setting ?? "")));
        cols.Add(new StringDataFrameColumn("method", groups.Select(g => g.Key.Method)));
        cols.Add(new StringDataFrameColumn("variant", groups.Select(g => g.Key.Variant)));
        cols.Add(new StringDataFrameColumn("preset", groups.Select(g => g.Key.Preset)));
        cols.Add(new Int32DataFrameColumn("n", groups.Select(g => g.Count())));
        cols.Add(new StringDataFrameColumn("seeds", groups.Select(g => string.Join(' ', g.Select(r => r.Seed).Order()))));
        foreach (string m in metricNames)
        {
            var stats = groups.Select(g => Summarise(g.ToList(), m)).ToList();
            cols.Add(new DoubleDataFrameColumn(m, stats.Select(s => s?.Mean)));
            cols.Add(new DoubleDataFrameColumn(m + SdSuffix, stats.Select(s => s?.Sd)));
        }
        return new DataFrame(cols);
    }

    /// <summary>The metric columns of an ablation table (those with a matching <c>sd</c> column).</summary>
    public static IReadOnlyList<string> MetricColumns(DataFrame table) =>
        table.Columns.Select(c => c.Name).Where(n => table.Columns.IndexOf(n + SdSuffix) >= 0).ToList();

    /// <summary>A row's label for charts and legends: "method · variant · preset" (with setting if present).</summary>
    public static string RowLabel(DataFrame table, long row)
    {
        var parts = new List<string>();
        if (table.Columns.IndexOf("setting") >= 0 && table["setting"][row] is string s && s.Length > 0) parts.Add(s);
        parts.Add((string)table["method"][row]);
        parts.Add((string)table["variant"][row]);
        parts.Add((string)table["preset"][row]);
        return string.Join(" · ", parts);
    }

    private static MeanSd? Summarise(List<RunMetrics> runs, string metric)
    {
        var present = runs.Where(r => r.Metrics.ContainsKey(metric)).ToList();
        if (present.Count == 0) return null;
        if (present.Count != runs.Count)
        {
            var missing = runs.Except(present).Select(r => r.Seed);
            var r0 = runs[0];
            throw new ArgumentException($"'{metric}' is missing in seeds {string.Join(", ", missing)} of {r0.Method} / {r0.Variant} / {r0.Preset}" +
                $"{(r0.Setting is null ? "" : " / " + r0.Setting)} but present in the others; rerun them or pass the metrics to tabulate.");
        }
        return MeanSd.Of(present.Select(r => r.Metrics[metric]));
    }
}
