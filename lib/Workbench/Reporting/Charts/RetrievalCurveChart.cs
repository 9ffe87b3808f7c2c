using Plotly.NET;

namespace Workbench.Reporting.Charts;

/// <summary>
/// Retrieval quality curves from plain arrays (no dependency on a ranking type): P@K and R@K
/// (deep metric learning), P@N and R@N (hashing / PQ, DeepHash style) and precision-recall curves.
/// </summary>
/// <remarks>
/// The two recalls differ and the axis titles say so: R@K (Recall@K in the DML papers) is the
/// fraction of queries with at least one relevant item in the top K; R@N is the fraction of all
/// relevant database items found in the top N, averaged over queries.
/// </remarks>
public static class RetrievalCurveChart
{
    /// <summary>Precision@K against K for several methods.</summary>
    public static GenericChart PrecisionAtK(IReadOnlyList<CurveSeries> series, ValueScale scale = ValueScale.Fraction, string? title = null) =>
        Curves(series, "K (retrieved items)", "Precision@K" + Unit(scale), title ?? "Precision@K", scale);

    /// <summary>Recall@K (hit rate: ≥ 1 relevant item in the top K) against K.</summary>
    public static GenericChart RecallAtK(IReadOnlyList<CurveSeries> series, ValueScale scale = ValueScale.Fraction, string? title = null) =>
        Curves(series, "K (retrieved items)", "Recall@K: queries with a hit in top K" + Unit(scale), title ?? "Recall@K", scale);

    /// <summary>Precision over the top N returned items against N.</summary>
    public static GenericChart PrecisionAtN(IReadOnlyList<CurveSeries> series, ValueScale scale = ValueScale.Fraction, string? title = null) =>
        Curves(series, "N (returned items)", "Precision@N" + Unit(scale), title ?? "Precision@N", scale);

    /// <summary>Recall over the top N (relevant retrieved / all relevant, mean over queries) against N.</summary>
    public static GenericChart RecallAtN(IReadOnlyList<CurveSeries> series, ValueScale scale = ValueScale.Fraction, string? title = null) =>
        Curves(series, "N (returned items)", "Recall@N: relevant retrieved / all relevant" + Unit(scale), title ?? "Recall@N", scale);

    /// <summary>Precision-recall curves: <see cref="CurveSeries.X"/> holds recall, <see cref="CurveSeries.Y"/> precision.</summary>
    public static GenericChart PrecisionRecall(IReadOnlyList<CurveSeries> series, ValueScale scale = ValueScale.Fraction, string? title = null)
    {
        foreach (var s in series) CheckRange(s.X, scale, $"series '{s.Name}' recall");
        return Curves(series, "Recall" + Unit(scale), "Precision" + Unit(scale), title ?? "Precision-recall", scale, xIsValue: true);
    }

    private static string Unit(ValueScale scale) => scale == ValueScale.Percent ? " (%)" : " (fraction)";

    private static GenericChart Curves(IReadOnlyList<CurveSeries> series, string xTitle, string yTitle, string title,
        ValueScale scale, bool xIsValue = false)
    {
        if (series.Count == 0) throw new ArgumentException("Give at least one series.", nameof(series));
        var p = MethodPalette.Shared;
        var traces = new List<GenericChart>();
        foreach (var s in series)
        {
            if (s.X.Count != s.Y.Count) throw new ArgumentException($"series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values.", nameof(series));
            if (s.X.Count == 0) throw new ArgumentException($"series '{s.Name}' is empty.", nameof(series));
            ChartStyle.RequireFinite(s.X, $"series '{s.Name}' x");
            CheckRange(s.Y, scale, $"series '{s.Name}' y");
            if (!xIsValue && s.X.Any(v => v < 1)) throw new ArgumentException($"series '{s.Name}': cut-offs must be ≥ 1.", nameof(series));
            var color = p.ColorOf(s.ColorKey ?? s.Name);
            traces.Add(Plotly.NET.CSharp.Chart.Scatter<double, double, string>(s.X, s.Y,
                s.X.Count > 40 ? StyleParam.Mode.Lines : StyleParam.Mode.Lines_Markers,
                Name: s.Name, LineColor: color, MarkerColor: color));
        }
        double top = (scale == ValueScale.Percent ? 100 : 1) * 1.02;
        return ChartStyle.Apply(Plotly.NET.Chart.combine(traces), title, xTitle, yTitle,
            xRange: xIsValue ? (0, top) : null, yRange: (0, top));
    }

    private static void CheckRange(IReadOnlyList<double> values, ValueScale scale, string what)
    {
        ChartStyle.RequireFinite(values, what);
        double top = scale == ValueScale.Percent ? 100 : 1;
        int bad = values.ToList().FindIndex(v => v < 0 || v > top + 1e-9);
        if (bad >= 0)
            throw new ArgumentException($"{what}: value {bad} is {values[bad]}, outside [0, {top}] for {scale}; pass ValueScale.{(scale == ValueScale.Fraction ? "Percent" : "Fraction")} if the values are in that scale.");
    }
}
