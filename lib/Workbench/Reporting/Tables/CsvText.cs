using System.Text;

namespace Workbench.Reporting.Tables;

/// <summary>RFC 4180 CSV: comma-separated fields, fields with comma, quote, CR or LF quoted, quotes doubled.</summary>
internal static class CsvText
{
    /// <summary>Quotes a field if it needs quoting; null becomes an empty unquoted field, "" a quoted empty one.</summary>
    public static string Field(string? value) => value switch
    {
        null => "",
        "" => "\"\"",
        _ when value.AsSpan().IndexOfAny(",\"\r\n") < 0 && value.Trim() == value => value,
        _ => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
    };

    /// <summary>One line (without terminator) of quoted fields.</summary>
    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field));

    /// <summary>True for the record of a blank line.</summary>
    public static bool IsBlank(string?[] record) => record.Length == 1 && record[0] is null;

    /// <summary>
    /// Splits CSV text into records of fields. Accepts LF and CRLF; a trailing newline ends the last
    /// record. An unquoted empty field is null, a quoted one ""; a blank line is a record of one null
    /// field (a null in a one-column table), which readers of wider tables skip (<see cref="IsBlank"/>).
    /// </summary>
    /// <exception cref="FormatException">An opened quote is never closed, or a quote appears inside an unquoted field.</exception>
    public static List<string?[]> Parse(string text)
    {
        var records = new List<string?[]>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        int i = 0, line = 1;
        bool quoted = false, any = false, wasQuoted = false;
        while (i < text.Length)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    quoted = false; i++; continue;
                }
                if (c == '\n') line++;
                field.Append(c); i++; continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true; wasQuoted = true; any = true; i++; break;
                case '"':
                    throw new FormatException($"CSV line {line}: a quote inside an unquoted field; quote the whole field and double inner quotes.");
                case ',':
                    fields.Add(Take()); any = true; i++; break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    i++; break;
                case '\n':
                    EndRecord(blankIsRecord: true); line++; i++; break;
                default:
                    field.Append(c); any = true; i++; break;
            }
        }
        if (quoted) throw new FormatException($"CSV line {line}: a quoted field is never closed.");
        EndRecord(blankIsRecord: false);
        return records;

        void EndRecord(bool blankIsRecord)
        {
            if (any || fields.Count > 0)
            {
                fields.Add(Take());
                records.Add([.. fields]);
            }
            else if (blankIsRecord)
            {
                records.Add([null]);
            }
            fields.Clear(); field.Clear(); any = false; wasQuoted = false;
        }

        string? Take()
        {
            string? value = field.Length == 0 && !wasQuoted ? null : field.ToString();
            field.Clear();
            wasQuoted = false;
            return value;
        }
    }
}
