using System.Globalization;

namespace Workbench.Training.Records;

/// <summary>CSV cell formatting shared by the run records.</summary>
public static class CsvText
{
    /// <summary>A cell as CSV text: invariant round-trip numbers, <c>true</c>/<c>false</c>, quoted strings when needed.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable x => Quote(x.ToString(null, CultureInfo.InvariantCulture)),
        _ => Quote(value.ToString() ?? ""),
    };

    /// <summary>Quotes a CSV field if it holds a comma, quote or line break.</summary>
    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>Whether <paramref name="name"/> can be a column name without quoting (no comma, quote, line break, not empty).</summary>
    public static bool IsPlainName(string name) => !string.IsNullOrWhiteSpace(name) && name.AsSpan().IndexOfAny(",\"\r\n") < 0;
}
