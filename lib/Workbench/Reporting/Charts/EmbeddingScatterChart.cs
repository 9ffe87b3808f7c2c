using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using TorchSharp;

namespace Workbench.Reporting.Charts;

/// <summary>
/// A 2-D map of embeddings (from <see cref="Embedding.Pca"/> or <see cref="Embedding.TSne"/>):
/// colour = class, marker symbol = domain (e.g. Office-Home Art vs Real for UCDIR).
/// </summary>
/// <remarks>With at most <see cref="MaxLegendClasses"/> classes each (class, domain) pair is its own
/// trace with a legend entry; with more classes there is one trace per domain, the colour of each
/// point encodes its class (spread hues) and hovering shows the names.</remarks>
public static class EmbeddingScatterChart
{
    /// <summary>Classes up to which every class gets a legend entry.</summary>
    public const int MaxLegendClasses = 20;

    private static readonly StyleParam.MarkerSymbol[] Symbols =
    [
        StyleParam.MarkerSymbol.Circle, StyleParam.MarkerSymbol.X, StyleParam.MarkerSymbol.Diamond,
        StyleParam.MarkerSymbol.TriangleUp, StyleParam.MarkerSymbol.Square, StyleParam.MarkerSymbol.Cross,
    ];

    /// <summary>The colour of class <paramref name="index"/> among <paramref name="classCount"/> classes.</summary>
    public static string ClassColor(int index, int classCount) => classCount <= MethodPalette.Colors.Count
        ? MethodPalette.Colors[index]
        : string.Create(CultureInfo.InvariantCulture, $"hsl({index * 137.508 % 360:F1},{(index % 2 == 0 ? 70 : 50)}%,{(index % 3 == 0 ? 45 : 58)}%)");

    /// <summary>Builds the map from a [N, 2] tensor (any float dtype).</summary>
    public static GenericChart Build(torch.Tensor points, IReadOnlyList<int> classes, IReadOnlyList<int>? domains = null,
        IReadOnlyList<string>? classNames = null, IReadOnlyList<string>? domainNames = null, string title = "Embedding map",
        string axisName = "Component")
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.dim() != 2 || points.shape[1] != 2)
            throw new ArgumentException($"points must be [N, 2]; got [{string.Join(", ", points.shape)}]. Reduce with Pca or TSne first.", nameof(points));
        using var cpu = points.detach().to(torch.CPU).to_type(torch.ScalarType.Float64).contiguous();
        var flat = cpu.data<double>().ToArray();
        var xy = new double[points.shape[0], 2];
        Buffer.BlockCopy(flat, 0, xy, 0, flat.Length * sizeof(double));
        return Build(xy, classes, domains, classNames, domainNames, title, axisName);
    }

    /// <summary>Builds the map from an [N, 2] array.</summary>
    /// <param name="points">Coordinates [N, 2].</param>
    /// <param name="classes">Class id per point.</param>
    /// <param name="domains">Domain id per point, or null for one domain.</param>
    /// <param name="classNames">Names indexed by class id, or null to show ids.</param>
    /// <param name="domainNames">Names indexed by domain id, or null to show ids.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="axisName">Axis name prefix: "Component" for PCA, "t-SNE" for t-SNE.</param>
    public static GenericChart Build(double[,] points, IReadOnlyList<int> classes, IReadOnlyList<int>? domains = null,
        IReadOnlyList<string>? classNames = null, IReadOnlyList<string>? domainNames = null, string title = "Embedding map",
        string axisName = "Component")
    {
        int n = points.GetLength(0);
        if (points.GetLength(1) != 2) throw new ArgumentException("points must have 2 columns.", nameof(points));
        if (classes.Count != n) throw new ArgumentException($"{classes.Count} class ids for {n} points.", nameof(classes));
        if (domains is not null && domains.Count != n) throw new ArgumentException($"{domains.Count} domain ids for {n} points.", nameof(domains));
        ChartStyle.RequireFinite(points.Cast<double>(), "embedding coordinates");
        var classIds = classes.Distinct().Order().ToArray();
        var domainIds = (domains ?? []).Distinct().Order().DefaultIfEmpty(0).ToArray();
        if (domainIds.Length > Symbols.Length) throw new ArgumentException($"{domainIds.Length} domains; at most {Symbols.Length} marker symbols are available.", nameof(domains));
        var classPos = classIds.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i);
        string ClassName(int c) => classNames is not null && c >= 0 && c < classNames.Count ? classNames[c] : "class " + c.ToString(CultureInfo.InvariantCulture);
        string DomainName(int d) => domainNames is not null && d >= 0 && d < domainNames.Count ? domainNames[d] : "domain " + d.ToString(CultureInfo.InvariantCulture);
        int DomainOf(int i) => domains?[i] ?? 0;
        bool legendPerClass = classIds.Length <= MaxLegendClasses;

        var traces = new List<GenericChart>();
        for (int d = 0; d < domainIds.Length; d++)
        {
            var symbol = Symbols[d];
            if (legendPerClass)
            {
                foreach (int c in classIds)
                {
                    var idx = Enumerable.Range(0, n).Where(i => classes[i] == c && DomainOf(i) == domainIds[d]).ToArray();
                    if (idx.Length == 0) continue;
                    string name = domains is null ? ClassName(c) : $"{ClassName(c)} · {DomainName(domainIds[d])}";
                    traces.Add(Plotly.NET.CSharp.Chart.Point<double, double, string>(idx.Select(i => points[i, 0]), idx.Select(i => points[i, 1]),
                            Name: name, MarkerColor: Color.fromString(ClassColor(classPos[c], classIds.Length)), MarkerSymbol: symbol)
                        .WithTraceInfo(LegendGroup: ClassName(c)));
                }
            }
            else
            {
                var idx = Enumerable.Range(0, n).Where(i => DomainOf(i) == domainIds[d]).ToArray();
                if (idx.Length == 0) continue;
                var colors = idx.Select(i => Color.fromString(ClassColor(classPos[classes[i]], classIds.Length)));
                traces.Add(Plotly.NET.CSharp.Chart.Point<double, double, string>(idx.Select(i => points[i, 0]), idx.Select(i => points[i, 1]),
                    Name: domains is null ? "points" : DomainName(domainIds[d]), MarkerColor: Color.fromColors(colors), MarkerSymbol: symbol,
                    MultiText: idx.Select(i => $"{ClassName(classes[i])} · {DomainName(DomainOf(i))}").ToArray()));
            }
        }
        foreach (var trace in traces.SelectMany(t => GenericChart.getTraces(t)))
        {
            // Small, slightly transparent markers: thousands of points stay readable.
            var marker = trace.TryGetTypedPropertyValue<Plotly.NET.TraceObjects.Marker>("marker");
            if (marker is not null) { marker.Value.SetProperty("size", n > 1000 ? 5 : 7); marker.Value.SetProperty("opacity", 0.8); }
        }
        return ChartStyle.Apply(Plotly.NET.Chart.combine(traces), title, axisName + " 1 (arbitrary units)", axisName + " 2 (arbitrary units)",
            width: legendPerClass ? 820 : 720, height: 620);
    }
}
