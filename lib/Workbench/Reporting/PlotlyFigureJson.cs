using Newtonsoft.Json;
using Plotly.NET;

namespace Workbench.Reporting;

/// <summary>
/// The figure JSON of a chart (<c>{data, layout, frames}</c>, equal to Plotly.NET's
/// <c>GenericChart.toFigureJson</c>), fast: every chart carries its own copy of the layout
/// template (about 8.5 KB of JSON), and serializing that copy takes most of the time
/// (≈ 50–100 ms per chart on this project's machines). A template equal to Plotly.NET's default
/// is written from a copy serialized once per process.
/// </summary>
internal static class PlotlyFigureJson
{
    private static readonly Lazy<string> DefaultTemplateJson = new(() => JsonConvert.SerializeObject(Defaults.DefaultTemplate, Globals.JSON_CONFIG));

    public static string Of(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var layout = GenericChart.getLayout(chart);
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        object? template = null;
        foreach (var p in layout.GetProperties(true))
        {
            if (p.Key == "template") template = p.Value;
            else properties[p.Key] = p.Value;
        }
        string layoutJson = JsonConvert.SerializeObject(properties, Globals.JSON_CONFIG);
        if (template is not null)
        {
            string templateJson = template is Template t && t.Equals(Defaults.DefaultTemplate)
                ? DefaultTemplateJson.Value
                : JsonConvert.SerializeObject(template, Globals.JSON_CONFIG);
            layoutJson = layoutJson[..^1] + (properties.Count > 0 ? "," : "") + "\"template\":" + templateJson + "}";
        }
        string data = JsonConvert.SerializeObject(GenericChart.getTraces(chart), Globals.JSON_CONFIG);
        return "{\"data\":" + data + ",\"layout\":" + layoutJson + ",\"frames\":[]}";
    }
}
