using Microsoft.Data.Analysis;
using Plotly.NET;
using Workbench.Reporting.Tables;

namespace Workbench.Reporting.Charts;

/// <summary>
/// Grouped bars with error bars (mean ± sd over seeds) for ablation tables: categories (usually
/// metrics such as P@1, P@5, mAP) on the x axis, one bar per series within each group. Series of
/// one colour key (variants and presets of one method) share the method's colour and differ in
/// hatching.
/// </summary>
public static class AblationBarChart
{
    private static readonly StyleParam.PatternShape[] Hatches =
    [
        StyleParam.PatternShape.None, StyleParam.PatternShape.DiagonalAscending, StyleParam.PatternShape.Dots,
        StyleParam.PatternShape.DiagonalChecked, StyleParam.PatternShape.HorizontalLines, StyleParam.PatternShape.DiagonalDescending,
    ];

    /// <summary>
    /// The chart of an <see cref="AblationTable"/>: one series per row (labelled "method · variant ·
    /// preset", coloured by method), one group per metric, error bars = sd over seeds.
    /// </summary>
    /// <param name="table">A table from <see cref="AblationTable.Build"/>.</param>
    /// <param name="yTitle">y-axis title with unit, e.g. <c>"mAP (fraction)"</c>.</param>
    /// <param name="metrics">Metrics to show (one scale!); default all of the table's metrics.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart FromTable(DataFrame table, string yTitle, IReadOnlyList<string>? metrics = null, string title = "Ablation (mean ± sd over seeds)")
    {
        ArgumentNullException.ThrowIfNull(table);
        var ms = metrics ?? AblationTable.MetricColumns(table);
        var series = new List<BarSeries>();
        for (long r = 0; r < table.Rows.Count; r++)
        {
            string label = AblationTable.RowLabel(table, r);
            var means = ms.Select(m => table[m][r] is double d ? d
                : throw new ArgumentException($"row '{label}' has no value for '{m}'; leave that metric out.", nameof(metrics))).ToArray();
            var sds = ms.Select(m => table[m + AblationTable.SdSuffix][r] is double d ? d : double.NaN).ToArray();
            series.Add(new BarSeries(label, means, sds, (string)table["method"][r]));
        }
        return Build(ms, series, yTitle, title);
    }

    /// <summary>Builds the chart.</summary>
    /// <param name="categories">Group labels on the x axis, e.g. <c>["P@1", "P@5", "P@15"]</c>.</param>
    /// <param name="series">One entry per method/variant, each with one mean (and sd) per category.</param>
    /// <param name="yTitle">y-axis title with unit, e.g. <c>"Precision (%)"</c>.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">x-axis title (default <c>"Metric"</c>).</param>
    /// <param name="palette">Colour palette; default <see cref="MethodPalette.Shared"/>.</param>
    public static GenericChart Build(IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series,
        string yTitle, string title = "Ablation (mean ± sd over seeds)", string xTitle = "Metric", MethodPalette? palette = null)
    {
        if (categories.Count == 0) throw new ArgumentException("Give at least one category.", nameof(categories));
        if (series.Count == 0) throw new ArgumentException("Give at least one series.", nameof(series));
        var p = palette ?? MethodPalette.Shared;
        var traces = new List<GenericChart>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in series)
        {
            string key = s.ColorKey ?? s.Name;
            int repeat = seen.TryGetValue(key, out int k) ? k : 0;
            seen[key] = repeat + 1;
            if (s.Means.Count != categories.Count)
                throw new ArgumentException($"series '{s.Name}' has {s.Means.Count} means for {categories.Count} categories.", nameof(series));
            ChartStyle.RequireFinite(s.Means, $"series '{s.Name}' means");
            var bar = Plotly.NET.CSharp.Chart.Column<double, string, string>(s.Means, Keys: categories.ToArray(),
                Name: s.Name, MarkerColor: p.ColorOf(key), MarkerPatternShape: Hatches[repeat % Hatches.Length]);
            if (s.Sds is not null)
            {
                if (s.Sds.Count != categories.Count)
                    throw new ArgumentException($"series '{s.Name}' has {s.Sds.Count} sds for {categories.Count} categories.", nameof(series));
                bar = ChartStyle.WithYErrorBars(bar, s.Sds.Select(v => double.IsNaN(v) ? 0 : v).ToArray());
            }
            traces.Add(bar);
        }
        var chart = ChartStyle.WithLayoutProperty(Plotly.NET.Chart.combine(traces), "barmode", "group");
        return ChartStyle.Apply(chart, title, xTitle, yTitle);
    }
}
