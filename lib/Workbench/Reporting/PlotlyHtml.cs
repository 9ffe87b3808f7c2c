using System.Text;
using Plotly.NET;

namespace Workbench.Reporting;

/// <summary>
/// Turns Plotly.NET charts into offline HTML: a <c>div</c> with a deterministic id and a script
/// that draws the figure with <c>window.Plotly</c>. plotly.js is embedded once per page: in a
/// report's head (<see cref="PlotlyJsScriptTag"/>), in a notebook by the session's first chart
/// (<c>embedPlotlyJs</c>); a chart drawn before that copy has run waits for it. Only a page that
/// holds no copy at all falls back to requirejs or the CDN.
/// </summary>
/// <remarks>Plotly.NET 6's own notebook formatter writes the literal text <c>LOL!</c> and its
/// HTML uses random GUID ids; this class replaces both.</remarks>
public static class PlotlyHtml
{
    private const string Resource = "Plotly.NET.plotly-2.28.0.min.js";

    /// <summary>The plotly.js version embedded in Plotly.NET 6.0.0 and used for the CDN fallback.</summary>
    public const string PlotlyJsVersion = "2.28.0";

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Plotly.NET does not embed {Resource}; the Plotly.NET version changed.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>The minified plotly.js source (about 3.6 MB), read from Plotly.NET's embedded resource.</summary>
    public static string PlotlyJs => Script.Value;

    /// <summary>The attribute that marks the <c>&lt;script&gt;</c> element holding plotly.js.</summary>
    public const string EmbeddedMarker = "data-wb-plotly";

    /// <summary>A <c>&lt;script&gt;</c> element holding plotly.js (marked <see cref="EmbeddedMarker"/>), to put once in a page.</summary>
    public static string PlotlyJsScriptTag() =>
        "<script type=\"text/javascript\" " + EmbeddedMarker + "=\"" + PlotlyJsVersion + "\">" + PlotlyJs +
        "\nwindow.dispatchEvent(new Event('wb-plotly-ready'));</script>";

    /// <summary>Removes embedded plotly.js elements (<see cref="PlotlyJsScriptTag"/>) from <paramref name="html"/>, for a page that embeds its own copy.</summary>
    public static string WithoutEmbeddedPlotlyJs(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        string open = "<script type=\"text/javascript\" " + EmbeddedMarker + "=";
        int start = html.IndexOf(open, StringComparison.Ordinal);
        while (start >= 0)
        {
            int end = html.IndexOf("</script>", start, StringComparison.Ordinal);
            if (end < 0) break;
            html = html.Remove(start, end + "</script>".Length - start);
            start = html.IndexOf(open, start, StringComparison.Ordinal);
        }
        return html;
    }

    /// <summary>
    /// The figure JSON (<c>{data, layout, frames}</c>) of a chart: equal to Plotly.NET's
    /// <c>GenericChart.toFigureJson</c>, several times faster because Plotly.NET's default layout
    /// template is serialized once per process.
    /// </summary>
    public static string FigureJson(GenericChart chart) => PlotlyFigureJson.Of(chart);

    /// <summary>The config JSON of a chart (responsive, mode bar and so on).</summary>
    public static string ConfigJson(GenericChart chart) =>
        Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getConfig(chart), Globals.JSON_CONFIG);

    /// <summary>
    /// HTML for one chart: <c>&lt;div id="<paramref name="divId"/>"&gt;</c> plus a drawing script.
    /// </summary>
    /// <param name="chart">The chart.</param>
    /// <param name="divId">A page-unique, deterministic id (e.g. <c>nb-c6-o0</c>); letters, digits, '-' and '_'.</param>
    public static string ChartHtml(GenericChart chart, string divId) => ChartHtml(chart, divId, embedPlotlyJs: false);

    /// <summary>
    /// HTML for one chart, optionally preceded by plotly.js itself (the first chart of a notebook
    /// session carries it, so the notebook draws offline).
    /// </summary>
    /// <param name="chart">The chart.</param>
    /// <param name="divId">A page-unique, deterministic id (e.g. <c>nb-c6-o0</c>); letters, digits, '-' and '_'.</param>
    /// <param name="embedPlotlyJs">True to put <see cref="PlotlyJsScriptTag"/> (about 3.6 MB) before the chart.</param>
    public static string ChartHtml(GenericChart chart, string divId, bool embedPlotlyJs)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (string.IsNullOrEmpty(divId) || divId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException("The div id must be non-empty and use only letters, digits, '-' and '_'.", nameof(divId));
        string style = DivStyle(chart);
        string figure = ScriptSafeFigureJson(chart);
        string config = ConfigJson(chart);
        var sb = new StringBuilder();
        if (embedPlotlyJs) sb.Append(PlotlyJsScriptTag()).Append('\n');
        sb.Append("<div id=\"").Append(divId).Append("\" style=\"").Append(style).Append("\"></div>\n");
        sb.Append("<script type=\"text/javascript\">(function(){\n");
        sb.Append("var fig=").Append(figure).Append(";var cfg=").Append(config).Append(";\n");
        sb.Append("function draw(P){P.newPlot('").Append(divId).Append("',fig.data,fig.layout,cfg);}\n");
        sb.Append("if(window.Plotly){draw(window.Plotly);}\n");
        // An embedded copy earlier in the page that has not run yet (outputs rendered out of order).
        sb.Append("else if(document.querySelector('script[").Append(EmbeddedMarker)
          .Append("]')){window.addEventListener('wb-plotly-ready',function(){draw(window.Plotly);},{once:true});}\n");
        sb.Append("else if(typeof window.requirejs==='function'){window.requirejs.config({paths:{plotly:'https://cdn.plot.ly/plotly-")
          .Append(PlotlyJsVersion).Append(".min'}});window.requirejs(['plotly'],draw);}\n");
        sb.Append("else{var s=document.createElement('script');s.src='https://cdn.plot.ly/plotly-")
          .Append(PlotlyJsVersion).Append(".min.js';s.onload=function(){draw(window.Plotly);};document.head.appendChild(s);}\n");
        sb.Append("})();</script>");
        return sb.ToString();
    }

    /// <summary>
    /// A one-line plain-text summary, read from the chart's objects without serializing it:
    /// <c>GenericChart: 2 trace(s) [bar], title "…"</c>.
    /// </summary>
    public static string Summary(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var types = GenericChart.getTraces(chart).Select(t => t.type).ToList();
        var title = GenericChart.getLayout(chart).TryGetTypedPropertyValue<Title>("title");
        string text = title is null ? "" : title.Value.TryGetTypedPropertyValue<string>("text")?.Value ?? "";
        return $"GenericChart: {types.Count} trace(s) [{string.Join(", ", types.Distinct())}]" + (text.Length > 0 ? $", title \"{text}\"" : "");
    }

    /// <summary>The CSS of a chart's div: the layout's width and height in pixels, else full width and 480 px.</summary>
    internal static string DivStyle(GenericChart chart)
    {
        var (w, h) = GenericChart.tryGetLayoutSize(chart).ToValueTuple();
        return $"width:{(w is null ? "100%" : w.Value + "px")};height:{(h is null ? "480px" : h.Value + "px")};";
    }

    /// <summary>The figure JSON with every <c>&lt;/</c> escaped, safe inside a <c>&lt;script&gt;</c> element.</summary>
    internal static string ScriptSafeFigureJson(GenericChart chart) => FigureJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
}
