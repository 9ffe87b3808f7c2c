using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Plotly.NET;
using Plotly.NET.CSharp;
using Workbench.Reporting;

namespace Workbench.Tests.Reporting;

public class NotebookSetupTests
{
    public static TheoryData<string> Charts() => new(["line", "titled", "heatmap", "combined", "templated"]);

    private static GenericChart Make(string kind) => kind switch
    {
        "line" => Plotly.NET.CSharp.Chart.Line<int, double, string>(Enumerable.Range(1, 10), Enumerable.Range(1, 10).Select(i => 1.0 / i), Name: "loss"),
        "titled" => Plotly.NET.Chart.withTitle("Loss <b>&", null).Invoke(Plotly.NET.CSharp.Chart.Point<int, int, string>(new[] { 1, 2 }, new[] { 3, 4 }))
            .WithXAxisStyle<int, int, string>(TitleText: "epoch").WithYAxisStyle<double, double, string>(TitleText: "loss"),
        "heatmap" => Plotly.NET.CSharp.Chart.Heatmap<double, int, int, string>(new[] { new[] { 1.0, 2 }, new[] { 3.0, 4 } }),
        "combined" => Plotly.NET.CSharp.Chart.Combine(new[]
        {
            Plotly.NET.CSharp.Chart.Column<double, string, string>(new[] { 0.5, 0.6 }, new[] { "a", "b" }, Name: "x"),
            Plotly.NET.CSharp.Chart.Column<double, string, string>(new[] { 0.7, 0.8 }, new[] { "a", "b" }, Name: "y"),
        }).WithSize(400, 300),
        _ => Plotly.NET.Chart.withTemplate(ChartTemplates.dark).Invoke(Plotly.NET.CSharp.Chart.Line<int, int, string>(new[] { 1, 2 }, new[] { 2, 1 })),
    };

    private static JsonNode Figure(string html) => JsonNode.Parse(Regex.Match(html, @"var fig=(.*?);var cfg=").Groups[1].Value.Replace("<\\/", "</"))!;

    [Theory]
    [MemberData(nameof(Charts))]
    public void Figure_json_equals_plotly_nets_own_serialization_and_the_summary_reads_the_title(string kind)
    {
        var chart = Make(kind);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GenericChart.toFigureJson(chart)), JsonNode.Parse(PlotlyHtml.FigureJson(chart))), kind);
        string html = PlotlyHtml.ChartHtml(chart, "nb-c3-o1");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GenericChart.toFigureJson(chart)), Figure(html)), kind);
        string summary = PlotlyHtml.Summary(chart);
        Assert.StartsWith("GenericChart: ", summary);
        if (kind == "titled") Assert.EndsWith(", title \"Loss <b>&\"", summary);
        if (kind == "combined") Assert.StartsWith("GenericChart: 2 trace(s) [bar]", summary);
    }

    [Fact]
    public void Chart_ids_come_from_the_host_when_it_gives_them()
    {
        var chart = Make("line");
        object? before = AppContext.GetData(NotebookSetup.ChartIdSourceKey);
        try
        {
            AppContext.SetData(NotebookSetup.ChartIdSourceKey, null);
            // The process's first chart carries plotly.js (offline notebooks); later ones do not.
            Assert.Matches("^<div id=\"wb-[0-9a-f]{12}\"", PlotlyHtml.WithoutEmbeddedPlotlyJs(NotebookSetup.ChartHtml(chart)).TrimStart('\n'));
            int n = 0;
            AppContext.SetData(NotebookSetup.ChartIdSourceKey, (Func<string>)(() => $"nb-c1-o{n++}"));
            Assert.StartsWith("<div id=\"nb-c1-o0\"", NotebookSetup.ChartHtml(chart));
            Assert.StartsWith("<div id=\"nb-c1-o1\"", NotebookSetup.ChartHtml(chart));
        }
        finally
        {
            AppContext.SetData(NotebookSetup.ChartIdSourceKey, before);
        }
    }

    [Fact]
    public void Initialize_registers_charts_tables_and_grids_as_html()
    {
        var registered = new List<(Type Type, string Mime, Func<object, string> Html)>();
        NotebookSetup.Initialize((type, html, mime) => registered.Add((type, mime, html)));
        Assert.Equal([typeof(GenericChart), typeof(Microsoft.Data.Analysis.DataFrame), typeof(ImageGrid), typeof(Workbench.Reporting.Grids.RetrievalGrid)], registered.Select(r => r.Type));
        Assert.All(registered, r => Assert.Equal("text/html", r.Mime));
        Assert.Contains("<table class=\"wb-table\">", registered[1].Html(new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.Int32DataFrameColumn("k", [1]))));
    }
}
