using Microsoft.Data.Analysis;
using Plotly.NET;
using Workbench.Runtime;

namespace Workbench.Reporting;

/// <summary>
/// What a notebook's setup cell calls, in VS Code (Polyglot Notebooks) and in the workbench's
/// headless runner alike: load TorchSharp's natives and register the workbench's HTML for charts,
/// tables and image grids. It takes no compile-time dependency on the .NET Interactive Formatting package: the
/// cell passes a registration callback compiled against whichever Formatting assembly its host has.
/// </summary>
/// <example>
/// <code>
/// #r "../lib/Workbench/bin/Release/net10.0/Workbench.dll"
/// using Microsoft.DotNet.Interactive.Formatting;
/// Workbench.Reporting.NotebookSetup.Initialize((type, html, mime) => Formatter.Register(type, (o, w) => w.Write(html(o)), mime));
/// </code>
/// </example>
public static class NotebookSetup
{
    /// <summary>
    /// <see cref="AppContext"/> key under which a host may put a <c>Func&lt;string&gt;</c> that gives
    /// deterministic chart div ids (the runner gives <c>nb-c{cell}-o{n}</c>).
    /// </summary>
    public const string ChartIdSourceKey = "Workbench.Reporting.NotebookSetup.ChartIdSource";

    /// <summary>Loads TorchSharp's natives and registers the chart, table and image-grid formatters.</summary>
    /// <param name="register">Called once per formatter with (value type, value → HTML, MIME type);
    /// pass <c>(type, html, mime) => Formatter.Register(type, (o, w) => w.Write(html(o)), mime)</c>.</param>
    /// <returns>What the native loader did (a no-op report when already loaded).</returns>
    public static TorchLoadReport Initialize(Action<Type, Func<object, string>, string> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var report = TorchRuntime.EnsureLoaded();
        register(typeof(GenericChart), o => ChartHtml((GenericChart)o), "text/html");
        register(typeof(DataFrame), o => TableHtml((DataFrame)o), "text/html");
        register(typeof(ImageGrid), o => ((ImageGrid)o).ToHtml(), "text/html");
        return report;
    }

    /// <summary>A chart's HTML with the host's next chart id; see <see cref="ChartHtml(GenericChart, string)"/>.</summary>
    public static string ChartHtml(GenericChart chart) => ChartHtml(chart, NextChartId());

    /// <summary>
    /// A chart's HTML for a notebook output: the same markup as <see cref="PlotlyHtml.ChartHtml"/>
    /// (a div and a script that draws with <c>window.Plotly</c> when the page embeds it, else
    /// requirejs or the CDN as in VS Code), built from a figure JSON that reuses the serialized
    /// default template (several times faster per chart).
    /// </summary>
    /// <param name="chart">The chart.</param>
    /// <param name="divId">A page-unique id: letters, digits, '-' and '_'.</param>
    public static string ChartHtml(GenericChart chart, string divId)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (string.IsNullOrEmpty(divId) || divId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException("The div id must be non-empty and use only letters, digits, '-' and '_'.", nameof(divId));
        var (w, h) = GenericChart.tryGetLayoutSize(chart).ToValueTuple();
        string style = $"width:{(w is null ? "100%" : w.Value + "px")};height:{(h is null ? "480px" : h.Value + "px")};";
        string figure = HtmlDocumentFigureJson.Of(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        string cdn = "https://cdn.plot.ly/plotly-" + PlotlyHtml.PlotlyJsVersion;
        return $"<div id=\"{divId}\" style=\"{style}\"></div>\n"
             + "<script type=\"text/javascript\">(function(){\n"
             + $"var fig={figure};var cfg={PlotlyHtml.ConfigJson(chart)};\n"
             + $"function draw(P){{P.newPlot('{divId}',fig.data,fig.layout,cfg);}}\n"
             + "if(window.Plotly){draw(window.Plotly);}\n"
             + $"else if(typeof window.requirejs==='function'){{window.requirejs.config({{paths:{{plotly:'{cdn}.min'}}}});window.requirejs(['plotly'],draw);}}\n"
             + $"else{{var s=document.createElement('script');s.src='{cdn}.min.js';s.onload=function(){{draw(window.Plotly);}};document.head.appendChild(s);}}\n"
             + "})();</script>";
    }

    /// <summary>A one-line summary without serializing the figure: <c>GenericChart: 2 trace(s) [bar], title "…"</c> (as <see cref="PlotlyHtml.Summary"/>).</summary>
    public static string ChartSummary(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var types = GenericChart.getTraces(chart).Select(t => t.type).ToList();
        var title = GenericChart.getLayout(chart).TryGetTypedPropertyValue<Title>("title");
        string text = title is null ? "" : title.Value.TryGetTypedPropertyValue<string>("text")?.Value ?? "";
        return $"GenericChart: {types.Count} trace(s) [{string.Join(", ", types.Distinct())}]" + (text.Length > 0 ? $", title \"{text}\"" : "");
    }

    /// <summary>A table's HTML (<see cref="Reporting.TableHtml.Render"/> with its defaults).</summary>
    public static string TableHtml(DataFrame frame) => Reporting.TableHtml.Render(frame);

    /// <summary>
    /// Does the one-time work of the first chart (JSON serializer start-up, the default template's
    /// JSON) so that a host can run it in the background while it compiles cells.
    /// </summary>
    public static void WarmUpCharts() => _ = HtmlDocumentFigureJson.Of(Plotly.NET.CSharp.Chart.Point<int, int, string>(new[] { 0 }, new[] { 0 }));

    /// <summary>The next chart id from the host's <see cref="ChartIdSourceKey"/> source, else a random one.</summary>
    public static string NextChartId() =>
        AppContext.GetData(ChartIdSourceKey) is Func<string> source ? source() : RandomChartId();

    /// <summary>A random id (<c>wb-</c> + 12 hex digits) for hosts without deterministic ids: outputs of earlier kernel sessions stay on the page in VS Code.</summary>
    public static string RandomChartId() => "wb-" + Guid.NewGuid().ToString("N")[..12];
}
