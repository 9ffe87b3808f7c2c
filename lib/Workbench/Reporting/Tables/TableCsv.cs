using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace Workbench.Reporting.Tables;

/// <summary>
/// Writes and reads a <see cref="DataFrame"/> as RFC 4180 CSV so that it round-trips: invariant
/// culture, doubles in shortest round-trip form with a decimal point (<c>1.0</c>, <c>NaN</c>),
/// null as an empty field and the empty string as <c>""</c>.
/// </summary>
/// <remarks>Column types are inferred on reading (bool, then int, long, double, else string) unless
/// given. Supported column types: string, bool, int, long, float, double.</remarks>
public static class TableCsv
{
    /// <summary>The CSV text, header first, LF line ends.</summary>
    public static string Write(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var sb = new StringBuilder(CsvText.Line(frame.Columns.Select(c => c.Name))).Append('\n');
        for (long r = 0; r < frame.Rows.Count; r++)
            sb.Append(CsvText.Line(frame.Columns.Select(c => Format(c[r])))).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the CSV file (UTF-8, no BOM), creating the folder.</summary>
    public static void Save(DataFrame frame, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Write(frame), new UTF8Encoding(false));
    }

    /// <summary>Reads CSV text.</summary>
    /// <param name="csv">Text with a header line.</param>
    /// <param name="columnTypes">Column types in order (e.g. from the frame that was written); null to infer.</param>
    public static DataFrame Read(string csv, IReadOnlyList<Type>? columnTypes = null)
    {
        var records = CsvText.Parse(csv);
        if (records.Count == 0) throw new FormatException("CSV is empty (expected a header line).");
        var header = records[0];
        if (header.Length > 1) records = records.Where((rec, i) => i == 0 || !CsvText.IsBlank(rec)).ToList();
        if (columnTypes is not null && columnTypes.Count != header.Length)
            throw new ArgumentException($"{columnTypes.Count} column types for {header.Length} columns.", nameof(columnTypes));
        for (int r = 1; r < records.Count; r++)
        {
            if (records[r].Length != header.Length)
                throw new FormatException($"CSV record {r + 1} has {records[r].Length} fields, the header has {header.Length}.");
        }
        var cols = new List<DataFrameColumn>();
        for (int c = 0; c < header.Length; c++)
        {
            var cells = records.Skip(1).Select(rec => rec[c]).ToList();
            var type = columnTypes?[c] ?? Infer(cells);
            cols.Add(Column(header[c] ?? "", type, cells));
        }
        return new DataFrame(cols);
    }

    /// <summary>Reads a CSV file.</summary>
    public static DataFrame Load(string path, IReadOnlyList<Type>? columnTypes = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file not found: {path}", path);
        return Read(File.ReadAllText(path), columnTypes);
    }

    /// <summary>The element types of a frame's columns, to pass to <see cref="Read"/>.</summary>
    public static IReadOnlyList<Type> TypesOf(DataFrame frame) => frame.Columns.Select(c => c.DataType).ToList();

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        double d => WithPoint(d.ToString("R", CultureInfo.InvariantCulture)),
        float f => WithPoint(f.ToString("R", CultureInfo.InvariantCulture)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string WithPoint(string s) => s.AsSpan().IndexOfAny(".EN∞") >= 0 || s.Contains("Infinity", StringComparison.Ordinal) ? s : s + ".0";

    private static Type Infer(List<string?> cells)
    {
        var present = cells.Where(c => c is not null && c.Length > 0).Select(c => c!).ToList();
        if (present.Count == 0) return typeof(string);
        if (present.All(c => c is "true" or "false")) return typeof(bool);
        if (present.All(c => int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))) return typeof(int);
        if (present.All(c => long.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))) return typeof(long);
        if (present.All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _))) return typeof(double);
        return typeof(string);
    }

    private static DataFrameColumn Column(string name, Type type, List<string?> cells)
    {
        if (type == typeof(string)) return new StringDataFrameColumn(name, cells);
        if (type == typeof(bool)) return new BooleanDataFrameColumn(name, cells.Select(c => Parse(c, s => bool.Parse(s))));
        if (type == typeof(int)) return new Int32DataFrameColumn(name, cells.Select(c => Parse(c, s => int.Parse(s, CultureInfo.InvariantCulture))));
        if (type == typeof(long)) return new Int64DataFrameColumn(name, cells.Select(c => Parse(c, s => long.Parse(s, CultureInfo.InvariantCulture))));
        if (type == typeof(float)) return new SingleDataFrameColumn(name, cells.Select(c => Parse(c, s => float.Parse(s, CultureInfo.InvariantCulture))));
        if (type == typeof(double)) return new DoubleDataFrameColumn(name, cells.Select(c => Parse(c, s => double.Parse(s, CultureInfo.InvariantCulture))));
        throw new NotSupportedException($"Column '{name}': type {type.Name} is not supported (string, bool, int, long, float, double).");
    }

    private static T? Parse<T>(string? cell, Func<string, T> parse) where T : struct
    {
        if (string.IsNullOrEmpty(cell)) return null;
        try
        {
            return parse(cell);
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{cell}' is not a valid {typeof(T).Name}.", e);
        }
    }
}
