using Microsoft.Data.Analysis;

namespace Workbench.Reporting.Tables;

/// <summary>
/// The display form of a table for Markdown and HTML: every metric column followed by its
/// <c>&lt;metric&gt; sd</c> column becomes one text column <c>mean ± sd</c> (just the mean when sd is
/// NaN, i.e. n = 1); other floating-point columns get a fixed number of decimals; null shows as "—".
/// </summary>
public static class TableDisplay
{
    /// <summary>The display frame (all string columns).</summary>
    /// <param name="frame">An ablation, comparison or any other table.</param>
    /// <param name="decimals">Decimals of floating-point values (default 2).</param>
    public static DataFrame MeanSd(DataFrame frame, int decimals = 2)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var cols = new List<DataFrameColumn>();
        var names = frame.Columns.Select(c => c.Name).ToHashSet();
        foreach (var col in frame.Columns)
        {
            if (col.Name.EndsWith(AblationTable.SdSuffix, StringComparison.Ordinal) && names.Contains(col.Name[..^AblationTable.SdSuffix.Length])) continue;
            var values = new string[frame.Rows.Count];
            bool merge = names.Contains(col.Name + AblationTable.SdSuffix);
            for (long r = 0; r < frame.Rows.Count; r++)
            {
                object? v = col[r];
                object? sd = merge ? frame[col.Name + AblationTable.SdSuffix][r] : null;
                values[r] = v switch
                {
                    null => "—",
                    double d when merge => new MeanSd(d, sd is double s ? s : double.NaN, 0).Format(decimals),
                    double d => Number(d, decimals),
                    float f => Number(f, decimals),
                    _ => TableHtml.Cell(v),
                };
            }
            cols.Add(new StringDataFrameColumn(col.Name, values));
        }
        return new DataFrame(cols);
    }

    /// <summary>An HTML table of the display form (see <see cref="TableHtml.Render"/>).</summary>
    public static string Html(DataFrame frame, int decimals = 2, int maxRows = 200) => TableHtml.Render(MeanSd(frame, decimals), maxRows);

    private static string Number(double d, int decimals) =>
        double.IsFinite(d) ? d.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture) : TableHtml.Cell(d);
}
