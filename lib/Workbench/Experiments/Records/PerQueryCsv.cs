using System.Text;
using Workbench.Experiments;
using Workbench.Training.Records;
using Workbench.Training.Sessions;

namespace Workbench.Experiments.Records;

/// <summary>Writes a <see cref="PerQueryTable"/> as <c>per-query.csv</c> (header, then one line per query).</summary>
public static class PerQueryCsv
{
    /// <summary>The CSV text of <paramref name="table"/>.</summary>
    public static string Format(PerQueryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Columns.Select(CsvText.Quote)).Append('\n');
        foreach (var row in table.Rows) sb.AppendJoin(',', row.Select(CsvText.Cell)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, PerQueryTable table) => AtomicFile.WriteAllText(path, Format(table));
}
