using Plotly.NET;
using TorchSharp;

namespace Workbench.Reporting.Charts;

/// <summary>
/// Heatmaps: a matrix with row 0 at the top, such as a transport plan (Sinkhorn assignment of
/// samples to prototypes) or a confusion / cluster contingency matrix with counts written in the cells.
/// </summary>
public static class HeatmapChart
{
    /// <summary>A heatmap of <paramref name="z"/> (rows × columns), row 0 drawn at the top.</summary>
    /// <param name="z">The values; finite.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Column axis title.</param>
    /// <param name="yTitle">Row axis title.</param>
    /// <param name="colorTitle">Colour bar title with unit.</param>
    /// <param name="columnLabels">Optional column labels (default 0..cols-1).</param>
    /// <param name="rowLabels">Optional row labels (default 0..rows-1).</param>
    /// <param name="annotate">Write each cell's value in it (use for small count matrices).</param>
    public static GenericChart Matrix(double[,] z, string title, string xTitle, string yTitle, string colorTitle,
        IReadOnlyList<string>? columnLabels = null, IReadOnlyList<string>? rowLabels = null, bool annotate = false)
    {
        int rows = z.GetLength(0), cols = z.GetLength(1);
        if (rows == 0 || cols == 0) throw new ArgumentException("The matrix is empty.", nameof(z));
        ChartStyle.RequireFinite(z.Cast<double>(), "heatmap");
        var xs = (columnLabels ?? Enumerable.Range(0, cols).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var ys = (rowLabels ?? Enumerable.Range(0, rows).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        if (xs.Length != cols || ys.Length != rows)
            throw new ArgumentException($"{xs.Length} column labels and {ys.Length} row labels for a {rows} × {cols} matrix.");
        var data = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, cols).Select(c => z[r, c]).ToArray()).ToArray();
        var chart = Plotly.NET.CSharp.Chart.Heatmap<double, string, string, string>(data, X: xs, Y: ys, ReverseYAxis: true, ColorScale: StyleParam.Colorscale.Viridis);
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("colorbar", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = colorTitle } });
            if (annotate) trace.SetProperty("texttemplate", "%{z}");
        }
        // Categorical axes: plotly would otherwise treat numeric-looking labels as numbers.
        chart = ChartStyle.WithLayoutProperty(chart, "xaxis", new Dictionary<string, object> { ["type"] = "category", ["title"] = new Dictionary<string, object> { ["text"] = xTitle } });
        chart = ChartStyle.WithLayoutProperty(chart, "yaxis", new Dictionary<string, object> { ["type"] = "category", ["autorange"] = "reversed", ["title"] = new Dictionary<string, object> { ["text"] = yTitle } });
        int side = Math.Clamp(Math.Max(rows, cols) * 28 + 200, 420, 900);
        return ChartStyle.Apply(chart, title, null, null, width: side + 120, height: side);
    }

    /// <summary>A transport plan (e.g. the Sinkhorn assignment Q of a batch to prototypes), shape [rows, cols], any float dtype.</summary>
    public static GenericChart TransportPlan(torch.Tensor plan, string title = "Transport plan",
        string xTitle = "Prototype (column)", string yTitle = "Sample (row)", string colorTitle = "Mass")
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.dim() != 2) throw new ArgumentException($"A transport plan must be 2-D [rows, cols]; got shape [{string.Join(", ", plan.shape)}].", nameof(plan));
        using var cpu = plan.detach().to(torch.CPU).to_type(torch.ScalarType.Float64).contiguous();
        int rows = (int)plan.shape[0], cols = (int)plan.shape[1];
        var flat = cpu.data<double>().ToArray();
        var z = new double[rows, cols];
        Buffer.BlockCopy(flat, 0, z, 0, flat.Length * sizeof(double));
        return Matrix(z, title, xTitle, yTitle, colorTitle);
    }

    /// <summary>A confusion matrix: rows = true class, columns = predicted class, cells = counts.</summary>
    public static GenericChart ConfusionMatrix(IReadOnlyList<int> truth, IReadOnlyList<int> predicted,
        IReadOnlyList<string>? classNames = null, string title = "Confusion matrix")
    {
        var ids = truth.Concat(predicted).Distinct().Order().ToArray();
        var counts = Contingency.Count(truth, predicted, ids, ids);
        var names = classNames is null ? ids.Select(Label).ToArray() : ids.Select(i => Name(classNames, i)).ToArray();
        return Matrix(counts, title, "Predicted class", "True class", "Images (count)", names, names, annotate: ids.Length <= 30);
    }

    /// <summary>A cluster contingency matrix: rows = true class, columns = cluster id (e.g. k-means), cells = counts.</summary>
    public static GenericChart ClusterContingency(IReadOnlyList<int> truth, IReadOnlyList<int> clusters,
        IReadOnlyList<string>? classNames = null, string title = "Classes × clusters")
    {
        var rows = truth.Distinct().Order().ToArray();
        var cols = clusters.Distinct().Order().ToArray();
        var counts = Contingency.Count(truth, clusters, rows, cols);
        var rowNames = classNames is null ? rows.Select(Label).ToArray() : rows.Select(i => Name(classNames, i)).ToArray();
        return Matrix(counts, title, "Cluster", "True class", "Images (count)", cols.Select(Label).ToArray(), rowNames,
            annotate: Math.Max(rows.Length, cols.Length) <= 30);
    }

    private static string Label(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Name(IReadOnlyList<string> names, int id) =>
        id >= 0 && id < names.Count ? names[id] : throw new ArgumentException($"class id {id} has no name ({names.Count} names given).");
}
