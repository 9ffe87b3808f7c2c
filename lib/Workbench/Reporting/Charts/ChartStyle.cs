using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.TraceObjects;

namespace Workbench.Reporting.Charts;

/// <summary>
/// The look shared by every workbench chart: a title, axis titles that name their unit, a fixed
/// size (default 720 × 480 px), the legend on the right and the default Plotly.NET template.
/// </summary>
public static class ChartStyle
{
    /// <summary>Default chart width in pixels.</summary>
    public const int DefaultWidth = 720;

    /// <summary>Default chart height in pixels.</summary>
    public const int DefaultHeight = 480;

    /// <summary>Sets the title, the axis titles and the size of <paramref name="chart"/>.</summary>
    /// <param name="chart">The chart (single or combined).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">x-axis title with its unit, e.g. <c>"Epoch"</c> or <c>"K (retrieved items)"</c>.</param>
    /// <param name="yTitle">y-axis title with its unit, e.g. <c>"Precision@K (%)"</c>.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="xRange">Fixed x-axis range, or null for autoscale.</param>
    /// <param name="yRange">Fixed y-axis range, or null for autoscale.</param>
    public static GenericChart Apply(GenericChart chart, string title, string? xTitle, string? yTitle,
        int width = DefaultWidth, int height = DefaultHeight, (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (width < 50 || height < 50) throw new ArgumentOutOfRangeException(nameof(width), $"A chart needs at least 50 × 50 px (got {width} × {height}).");
        chart = Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
        if (xTitle is not null || xRange is not null)
        {
            chart = xRange is { } r
                ? chart.WithXAxisStyle<double, double, string>(TitleText: xTitle ?? "", MinMax: Tuple.Create(r.Min, r.Max))
                : chart.WithXAxisStyle<double, double, string>(TitleText: xTitle!);
        }
        if (yTitle is not null || yRange is not null)
        {
            chart = yRange is { } r
                ? chart.WithYAxisStyle<double, double, string>(TitleText: yTitle ?? "", MinMax: Tuple.Create(r.Min, r.Max))
                : chart.WithYAxisStyle<double, double, string>(TitleText: yTitle!);
        }
        return chart.WithSize(width, height);
    }

    /// <summary>Sets one layout property (plotly.js name, e.g. <c>barmode</c>) on the chart's layout.</summary>
    public static GenericChart WithLayoutProperty(GenericChart chart, string name, object value)
    {
        var layout = new Layout();
        layout.SetProperty(name, value);
        return Plotly.NET.Chart.withLayout(layout).Invoke(chart);
    }

    /// <summary>Adds symmetric y error bars (e.g. one standard deviation) to every trace of <paramref name="chart"/>.</summary>
    /// <param name="chart">A single-trace chart.</param>
    /// <param name="halfWidths">One non-negative half-width per point; NaN draws no bar.</param>
    public static GenericChart WithYErrorBars(GenericChart chart, IReadOnlyList<double> halfWidths)
    {
        if (halfWidths.Any(v => v < 0)) throw new ArgumentException("Error bar half-widths must be non-negative.", nameof(halfWidths));
        var error = Error.init<double, double>(
            Visible: true, Type: StyleParam.ErrorType.Data, Symmetric: true,
            Array: FSharpOption<IEnumerable<double>>.Some(halfWidths.ToArray()),
            Arrayminus: null, ArrayEncoded: null, ArrayminusEncoded: null, Value: null, Valueminus: null,
            Traceref: null, Tracerefminus: null, Copy_ystyle: null, Color: null, Thickness: 1.5, Width: 4.0);
        return Plotly.NET.Chart.withYError(error).Invoke(chart);
    }

    /// <summary>Throws unless every value is finite.</summary>
    internal static void RequireFinite(IEnumerable<double> values, string what)
    {
        int i = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"{what}: value {i} is {v}; charts need finite values (drop or impute missing points first).");
            i++;
        }
    }
}
