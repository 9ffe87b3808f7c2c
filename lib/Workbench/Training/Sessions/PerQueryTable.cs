namespace Workbench.Training.Sessions;

/// <summary>
/// Rows of <c>per-query.csv</c>: one per evaluation query, with fixed columns (e.g. query id, label,
/// AP, rank of the first hit). Cells are numbers, strings or booleans, written invariantly.
/// </summary>
public sealed class PerQueryTable
{
    private readonly List<object?[]> _rows = [];

    /// <summary>A table with these column names (unique, non-empty).</summary>
    public PerQueryTable(params string[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("A per-query table needs at least one column.", nameof(columns));
        if (columns.Any(string.IsNullOrWhiteSpace) || columns.Distinct(StringComparer.Ordinal).Count() != columns.Length)
        {
            throw new ArgumentException("Per-query column names must be non-empty and unique.", nameof(columns));
        }
        Columns = columns;
    }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows added so far.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>Appends a row with one value per column.</summary>
    /// <exception cref="ArgumentException">The wrong number of values.</exception>
    public PerQueryTable Add(params object?[] values)
    {
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"A per-query row needs {Columns.Count} values ({string.Join(", ", Columns)}); got {values.Length}.", nameof(values));
        }
        _rows.Add(values);
        return this;
    }
}
