using Plotly.NET;
using Plotly.NET.CSharp;

namespace Workbench.Reporting.Charts;

/// <summary>
/// Loss and metric curves from <c>history.csv</c> files, several runs overlaid: one line per run,
/// coloured by method (<see cref="TrainingRun.ColorKey"/>), runs of one method told apart by dash.
/// Rows where the metric is empty (evaluated only every few epochs) are skipped.
/// </summary>
public static class TrainingCurveChart
{
    private static readonly StyleParam.DrawingStyle[] Dashes =
        [StyleParam.DrawingStyle.Solid, StyleParam.DrawingStyle.Dash, StyleParam.DrawingStyle.Dot, StyleParam.DrawingStyle.DashDot];

    /// <summary>One metric of several runs against epoch (or step).</summary>
    /// <param name="runs">The runs; each must have <paramref name="metric"/> and the x column.</param>
    /// <param name="metric">Column to plot, e.g. <c>loss</c>.</param>
    /// <param name="xColumn">x column; default <see cref="TrainingHistory.DefaultXColumn"/> of the first run.</param>
    /// <param name="yTitle">y-axis title with unit; default the metric name.</param>
    /// <param name="title">Chart title; default "<paramref name="metric"/> during training".</param>
    /// <param name="palette">Colour palette; default <see cref="MethodPalette.Shared"/>.</param>
    public static GenericChart Build(IReadOnlyList<TrainingRun> runs, string metric, string? xColumn = null,
        string? yTitle = null, string? title = null, MethodPalette? palette = null)
    {
        string x = ResolveX(runs, xColumn);
        var chart = Plotly.NET.Chart.combine(Traces(runs, metric, x, palette ?? MethodPalette.Shared, showLegend: true));
        return ChartStyle.Apply(chart, title ?? $"{MetricTitle(metric)} during training", AxisTitle(x), yTitle ?? MetricTitle(metric));
    }

    /// <summary>Several metrics of several runs: one subplot per metric (grid with <paramref name="columns"/> columns), one legend entry per run.</summary>
    /// <param name="runs">The runs; each must have the x column.</param>
    /// <param name="metrics">Columns to plot, one panel each.</param>
    /// <param name="xColumn">x column; default <see cref="TrainingHistory.DefaultXColumn"/> of the first run.</param>
    /// <param name="title">Chart title; default "Training curves".</param>
    /// <param name="columns">Panels per grid row (default 2).</param>
    /// <param name="palette">Colour palette; default <see cref="MethodPalette.Shared"/>.</param>
    /// <param name="skipMissing">
    /// false (default): every run must have every metric. true: a panel leaves out the runs without its column (e.g. the
    /// assignment entropy of runs that have no clusters); a panel no run has is still an error.
    /// </param>
    public static GenericChart Build(IReadOnlyList<TrainingRun> runs, IReadOnlyList<string> metrics, string? xColumn = null,
        string? title = null, int columns = 2, MethodPalette? palette = null, bool skipMissing = false)
    {
        if (metrics.Count == 0) throw new ArgumentException("Give at least one metric to plot.", nameof(metrics));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), "columns must be at least 1.");
        string x = ResolveX(runs, xColumn);
        var p = palette ?? MethodPalette.Shared;
        var panels = metrics.Select((m, i) => Plotly.NET.Chart.combine(Traces(PanelRuns(runs, m, skipMissing), m, x, p, showLegend: i == 0))
                .WithXAxisStyle<double, double, string>(TitleText: AxisTitle(x)))
            .ToArray();
        int cols = Math.Min(columns, metrics.Count), rows = (metrics.Count + cols - 1) / cols;
        var grid = Plotly.NET.CSharp.Chart.Grid(panels, rows, cols, SubPlotTitles: metrics.Select(MetricTitle).ToArray(), YGap: 0.35);
        return ChartStyle.Apply(grid, title ?? "Training curves", null, null,
            width: Math.Max(ChartStyle.DefaultWidth, 420 * cols), height: Math.Max(ChartStyle.DefaultHeight, 340 * rows));
    }

    /// <summary>The axis title for an x column: <c>Epoch</c>, <c>Step (iterations)</c> or the column name.</summary>
    public static string AxisTitle(string xColumn) => xColumn switch
    {
        "epoch" => "Epoch",
        "step" => "Step (iterations)",
        _ => xColumn,
    };

    /// <summary>
    /// A column's display name: the run records' <c>train.&lt;loss&gt;</c> and <c>eval.&lt;metric&gt;</c>
    /// columns become "&lt;loss&gt; (train)" and "&lt;metric&gt; (eval)"; other names are kept.
    /// </summary>
    public static string MetricTitle(string column) =>
        column.StartsWith("train.", StringComparison.Ordinal) ? column["train.".Length..] + " (train)"
        : column.StartsWith("eval.", StringComparison.Ordinal) ? column["eval.".Length..] + " (eval)"
        : column;

    private static string ResolveX(IReadOnlyList<TrainingRun> runs, string? xColumn)
    {
        if (runs.Count == 0) throw new ArgumentException("Give at least one run.", nameof(runs));
        return xColumn ?? runs[0].History.DefaultXColumn;
    }

    private static IReadOnlyList<TrainingRun> PanelRuns(IReadOnlyList<TrainingRun> runs, string metric, bool skipMissing)
    {
        if (!skipMissing) return runs;
        var having = runs.Where(r => r.History.Has(metric)).ToList();
        return having.Count > 0 ? having
            : throw new ArgumentException($"no run has the column '{metric}'; the runs have: {string.Join(", ", runs[0].History.ColumnNames)}.", nameof(runs));
    }

    private static IEnumerable<GenericChart> Traces(IReadOnlyList<TrainingRun> runs, string metric, string x, MethodPalette palette, bool showLegend)
    {
        var perMethod = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var run in runs)
        {
            if (!run.History.Has(metric))
                throw new ArgumentException($"run '{run.Label}' has no column '{metric}'; it has: {string.Join(", ", run.History.ColumnNames)}.", nameof(runs));
            var xs = run.History[x];
            var ys = run.History[metric];
            var keep = Enumerable.Range(0, xs.Count).Where(i => double.IsFinite(xs[i]) && double.IsFinite(ys[i])).ToArray();
            int k = perMethod.TryGetValue(run.ColorKey, out int seen) ? seen : 0;
            perMethod[run.ColorKey] = k + 1;
            yield return Plotly.NET.CSharp.Chart.Scatter<double, double, string>(
                    keep.Select(i => xs[i]), keep.Select(i => ys[i]),
                    keep.Length > 40 ? StyleParam.Mode.Lines : StyleParam.Mode.Lines_Markers,
                    Name: run.Label, LineColor: palette.ColorOf(run.ColorKey), MarkerColor: palette.ColorOf(run.ColorKey),
                    LineDash: Dashes[k % Dashes.Length])
                .WithTraceInfo(ShowLegend: showLegend, LegendGroup: run.Label);
        }
    }
}
