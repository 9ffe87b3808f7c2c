using System.Text;
using Microsoft.Data.Analysis;

namespace Workbench.Reporting.Tables;

/// <summary>A GitHub-flavoured Markdown pipe table of a <see cref="DataFrame"/> (Microsoft.Data.Analysis has no Markdown writer).</summary>
public static class TableMarkdown
{
    /// <summary>
    /// Renders the display form (<see cref="TableDisplay.MeanSd"/>): a header row, an alignment row
    /// (numeric columns of the original right-aligned) and one line per row; <c>|</c> in cells is escaped.
    /// </summary>
    public static string Render(DataFrame frame, int decimals = 2)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var display = TableDisplay.MeanSd(frame, decimals);
        var numeric = display.Columns.Select(c => frame.Columns.IndexOf(c.Name) is int i && i >= 0 && frame.Columns[i].DataType != typeof(string)).ToList();
        var sb = new StringBuilder("| ").Append(string.Join(" | ", display.Columns.Select(c => Escape(c.Name)))).Append(" |\n|");
        foreach (bool right in numeric) sb.Append(right ? " ---: |" : " --- |");
        sb.Append('\n');
        for (long r = 0; r < display.Rows.Count; r++)
            sb.Append("| ").Append(string.Join(" | ", display.Columns.Select(c => Escape((string?)c[r] ?? "")))).Append(" |\n");
        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
