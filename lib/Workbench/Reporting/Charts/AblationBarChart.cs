using Plotly.NET;

namespace Workbench.Reporting.Charts;

/// <summary>
/// Grouped bars with error bars (mean ± sd over seeds) for ablation tables: categories (usually
/// metrics such as P@1, P@5, mAP) on the x axis, one bar per series within each group.
/// </summary>
public static class AblationBarChart
{
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
        foreach (var s in series)
        {
            if (s.Means.Count != categories.Count)
                throw new ArgumentException($"series '{s.Name}' has {s.Means.Count} means for {categories.Count} categories.", nameof(series));
            ChartStyle.RequireFinite(s.Means, $"series '{s.Name}' means");
            var bar = Plotly.NET.CSharp.Chart.Column<double, string, string>(s.Means, Keys: categories.ToArray(),
                Name: s.Name, MarkerColor: p.ColorOf(s.ColorKey ?? s.Name));
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
