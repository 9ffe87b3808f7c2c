using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace Workbench.Reporting;

/// <summary>Renders a <see cref="DataFrame"/> as an HTML table or tab-separated text.</summary>
public static class TableHtml
{
    /// <summary>
    /// An HTML table of the first <paramref name="maxRows"/> rows with a header of column names
    /// and types, and a caption "N rows × M columns (first K shown)".
    /// </summary>
    /// <param name="frame">The table.</param>
    /// <param name="maxRows">Rows to show (default 50).</param>
    /// <param name="digits">Significant digits for floating-point cells (default 4).</param>
    public static string Render(DataFrame frame, int maxRows = 50, int digits = 4)
    {
        ArgumentNullException.ThrowIfNull(frame);
        long shown = Math.Min(frame.Rows.Count, maxRows);
        var sb = new StringBuilder("<table class=\"wb-table\">\n<thead><tr>");
        foreach (var col in frame.Columns)
        {
            sb.Append("<th title=\"").Append(WebUtility.HtmlEncode(col.DataType.Name)).Append("\">")
              .Append(WebUtility.HtmlEncode(col.Name)).Append("</th>");
        }
        sb.Append("</tr></thead>\n<tbody>\n");
        for (long r = 0; r < shown; r++)
        {
            sb.Append("<tr>");
            foreach (var col in frame.Columns)
            {
                object? v = col[r];
                bool numeric = v is double or float or int or long or decimal;
                sb.Append(numeric ? "<td style=\"text-align:right\">" : "<td>").Append(WebUtility.HtmlEncode(Cell(v, digits))).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n<caption style=\"caption-side:bottom\">").Append(frame.Rows.Count).Append(" rows × ")
          .Append(frame.Columns.Count).Append(" columns").Append(shown < frame.Rows.Count ? $" (first {shown} shown)" : "").Append("</caption>\n</table>");
        return sb.ToString();
    }

    /// <summary>Tab-separated text of the first <paramref name="maxRows"/> rows, with a header line.</summary>
    public static string PlainText(DataFrame frame, int maxRows = 50, int digits = 4)
    {
        var sb = new StringBuilder(string.Join('\t', frame.Columns.Select(c => c.Name))).Append('\n');
        for (long r = 0; r < Math.Min(frame.Rows.Count, maxRows); r++)
        {
            sb.Append(string.Join('\t', frame.Columns.Select(c => Cell(c[r], digits)))).Append('\n');
        }
        if (frame.Rows.Count > maxRows) sb.Append($"… {frame.Rows.Count} rows in all\n");
        return sb.ToString();
    }

    /// <summary>Formats one cell: floating point with <paramref name="digits"/> significant digits, null as empty.</summary>
    public static string Cell(object? value, int digits = 4) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "NaN",
        double d => d.ToString("G" + digits, System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("G" + digits, System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
