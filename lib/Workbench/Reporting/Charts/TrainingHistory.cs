using System.Globalization;
using Workbench.Reporting.Tables;

namespace Workbench.Reporting.Charts;

/// <summary>
/// The numeric columns of a run's <c>history.csv</c> (one row per logged step or epoch, e.g.
/// <c>epoch,step,loss,lr,P@1</c>). Empty cells (a metric evaluated only every few epochs) and
/// non-numeric cells are NaN; non-numeric columns (timestamps, phase names) are kept only if
/// some cell parses as a number.
/// </summary>
public sealed class TrainingHistory
{
    private readonly Dictionary<string, double[]> _columns;

    private TrainingHistory(IReadOnlyList<string> names, Dictionary<string, double[]> columns, int rows)
    {
        ColumnNames = names;
        _columns = columns;
        RowCount = rows;
    }

    /// <summary>The numeric column names in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>True if the history has a column of this name (case-sensitive).</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The values of one column (NaN where the cell is empty).</summary>
    public IReadOnlyList<double> this[string column] => _columns.TryGetValue(column, out var v)
        ? v
        : throw new KeyNotFoundException($"history has no numeric column '{column}'; it has: {string.Join(", ", ColumnNames)}.");

    /// <summary>The x column used by default: <c>epoch</c> if present, else <c>step</c>.</summary>
    public string DefaultXColumn => Has("epoch") ? "epoch" : Has("step") ? "step"
        : throw new InvalidOperationException($"history has neither an 'epoch' nor a 'step' column; it has: {string.Join(", ", ColumnNames)}.");

    /// <summary>Reads a <c>history.csv</c> file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static TrainingHistory Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"history file not found: {path} (a run writes it to artifacts/runs/<id>/history.csv).", path);
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses CSV text with a header line.</summary>
    public static TrainingHistory Parse(string csv)
    {
        var records = CsvText.Parse(csv).Where(r => !CsvText.IsBlank(r)).ToList();
        if (records.Count == 0) throw new FormatException("history CSV is empty (expected a header line such as 'epoch,loss').");
        string[] header = records[0].Select(h => h ?? "").ToArray();
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Length)
            throw new FormatException($"history CSV has duplicate column names: {string.Join(", ", header)}.");
        int rows = records.Count - 1;
        var names = new List<string>();
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++)
        {
            var values = new double[rows];
            bool anyNumber = false;
            for (int r = 0; r < rows; r++)
            {
                string?[] rec = records[r + 1];
                if (rec.Length != header.Length)
                    throw new FormatException($"history CSV row {r + 2} has {rec.Length} fields, the header has {header.Length}.");
                bool ok = double.TryParse(rec[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v);
                values[r] = ok ? v : double.NaN;
                anyNumber |= ok && !double.IsNaN(v);
            }
            if (!anyNumber && rows > 0) continue;
            names.Add(header[c]);
            columns[header[c]] = values;
        }
        return new TrainingHistory(names, columns, rows);
    }
}
