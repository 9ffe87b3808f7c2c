using System.Text.Json;
using Plotly.NET;
using Workbench.Reporting;

namespace Workbench.Tests.Reporting;

/// <summary>Parses a chart's figure JSON (which also proves it is valid JSON, e.g. no NaN literals).</summary>
internal static class ChartJson
{
    public static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(PlotlyHtml.FigureJson(chart)).RootElement.Clone();

    public static JsonElement[] Traces(GenericChart chart) => Figure(chart).GetProperty("data").EnumerateArray().ToArray();

    public static JsonElement Layout(GenericChart chart) => Figure(chart).GetProperty("layout");

    public static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static string? Title(JsonElement layoutOrAxis) =>
        layoutOrAxis.TryGetProperty("title", out var t) && t.TryGetProperty("text", out var text) ? text.GetString() : null;

    /// <summary>"rgba(31, 119, 180, 1.0)" as Plotly.NET writes a colour from a palette hex.</summary>
    public static string Rgba(string hex) =>
        $"rgba({Convert.ToInt32(hex[1..3], 16)}, {Convert.ToInt32(hex[3..5], 16)}, {Convert.ToInt32(hex[5..7], 16)}, 1.0)";
}

/// <summary>Compares doubles within an absolute tolerance.</summary>
internal sealed class Tolerance(double eps) : IEqualityComparer<double>
{
    public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;

    public int GetHashCode(double obj) => 0;
}
