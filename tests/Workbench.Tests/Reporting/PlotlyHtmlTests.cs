using Microsoft.Data.Analysis;
using Workbench.Reporting;

namespace Workbench.Tests.Reporting;

public class PlotlyHtmlTests
{
    [Fact]
    public void Chart_html_is_deterministic_and_carries_the_figure()
    {
        var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { 1.0, 2, 3 }, new[] { 4.0, 5, 6 });
        string a = PlotlyHtml.ChartHtml(chart, "nb-c1-o0");
        string b = PlotlyHtml.ChartHtml(chart, "nb-c1-o0");
        Assert.Equal(a, b);
        Assert.Contains("<div id=\"nb-c1-o0\"", a);
        Assert.Contains("\"y\":[4.0,5.0,6.0]", a);
        Assert.DoesNotContain("LOL!", a);
        Assert.Throws<ArgumentException>(() => PlotlyHtml.ChartHtml(chart, "bad id"));
        Assert.StartsWith("GenericChart: 1 trace(s) [scatter]", PlotlyHtml.Summary(chart));
    }

    [Fact]
    public void Plotly_js_is_embedded_offline()
    {
        Assert.True(PlotlyHtml.PlotlyJs.Length > 3_000_000);
        Assert.Contains("2.28.0", PlotlyHtml.PlotlyJs[..2000]);
    }

    [Fact]
    public void Table_html_encodes_and_counts_rows()
    {
        var df = new DataFrame(new StringDataFrameColumn("method", ["<IW>", "CW"]), new DoubleDataFrameColumn("P@1", [12.3456, double.NaN]));
        string html = TableHtml.Render(df, maxRows: 1);
        Assert.Contains("&lt;IW&gt;", html);
        Assert.Contains("12.35", html);
        Assert.Contains("2 rows × 2 columns (first 1 shown)", html);
        Assert.Equal("method\tP@1\n<IW>\t12.35\nCW\tNaN\n", TableHtml.PlainText(df));
    }
}
