using System.Globalization;
using System.Text;

namespace Workbench.Training.Records;

/// <summary>
/// <c>history.csv</c>: one row per epoch with columns <c>epoch, step, lr, train.&lt;loss&gt;…,
/// eval.&lt;metric&gt;…, train_seconds, eval_seconds</c>. Loss and metric columns are the union over
/// the rows in first-seen order; a row without a value leaves the cell empty. Numbers are written in
/// invariant round-trip form, so reading gives back the exact doubles.
/// </summary>
public static class HistoryCsv
{
    /// <summary>Prefix of loss columns.</summary>
    public const string LossPrefix = "train.";

    /// <summary>Prefix of evaluation metric columns.</summary>
    public const string MetricPrefix = "eval.";

    /// <summary>The CSV text of <paramref name="rows"/>.</summary>
    public static string Format(IReadOnlyList<HistoryRow> rows)
    {
        var losses = Union(rows.Select(r => r.Losses.Keys));
        var metrics = Union(rows.Select(r => r.Metrics.Keys));
        var sb = new StringBuilder();
        var header = new List<string> { "epoch", "step", "lr" };
        header.AddRange(losses.Select(l => LossPrefix + l));
        header.AddRange(metrics.Select(m => MetricPrefix + m));
        header.Add("train_seconds");
        header.Add("eval_seconds");
        sb.AppendJoin(',', header.Select(CsvText.Quote)).Append('\n');
        foreach (var row in rows)
        {
            sb.Append(row.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(row.Step.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Number(row.LearningRate));
            foreach (var l in losses) sb.Append(',').Append(row.Losses.TryGetValue(l, out var v) ? Number(v) : "");
            foreach (var m in metrics) sb.Append(',').Append(row.Metrics.TryGetValue(m, out var v) ? Number(v) : "");
            sb.Append(',').Append(Number(row.TrainSeconds)).Append(',').Append(Number(row.EvalSeconds)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyList<HistoryRow> rows) => AtomicFile.WriteAllText(path, Format(rows));

    /// <summary>Reads a file written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">A header or cell that is not of this format.</exception>
    public static List<HistoryRow> Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses text produced by <see cref="Format"/>.</summary>
    public static List<HistoryRow> Parse(string text, string source = "history.csv")
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) throw new InvalidDataException($"{source}: empty; expected a header line.");
        var header = lines[0].TrimEnd('\r').Split(',');
        if (header.Length < 5 || header[0] != "epoch" || header[1] != "step" || header[2] != "lr" || header[^2] != "train_seconds" || header[^1] != "eval_seconds")
        {
            throw new InvalidDataException($"{source}: unexpected header '{lines[0]}'.");
        }
        var rows = new List<HistoryRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].TrimEnd('\r').Split(',');
            if (cells.Length != header.Length) throw new InvalidDataException($"{source}:{i + 1}: {cells.Length} cells, header has {header.Length}.");
            var losses = new Dictionary<string, double>();
            var metrics = new Dictionary<string, double>();
            for (int c = 3; c < header.Length - 2; c++)
            {
                if (cells[c].Length == 0) continue;
                double v = ParseNumber(cells[c], source, i + 1);
                if (header[c].StartsWith(LossPrefix, StringComparison.Ordinal)) losses[header[c][LossPrefix.Length..]] = v;
                else if (header[c].StartsWith(MetricPrefix, StringComparison.Ordinal)) metrics[header[c][MetricPrefix.Length..]] = v;
                else throw new InvalidDataException($"{source}: column '{header[c]}' is neither train.* nor eval.*.");
            }
            rows.Add(new HistoryRow
            {
                Epoch = int.Parse(cells[0], CultureInfo.InvariantCulture),
                Step = long.Parse(cells[1], CultureInfo.InvariantCulture),
                LearningRate = ParseNumber(cells[2], source, i + 1),
                Losses = losses,
                Metrics = metrics,
                TrainSeconds = ParseNumber(cells[^2], source, i + 1),
                EvalSeconds = ParseNumber(cells[^1], source, i + 1),
            });
        }
        return rows;
    }

    /// <summary>Invariant round-trip text of a double (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> for the specials).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double ParseNumber(string cell, string source, int line) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"{source}:{line}: '{cell}' is not a number.");

    private static List<string> Union(IEnumerable<IEnumerable<string>> keys)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var k in keys.SelectMany(x => x))
        {
            if (seen.Add(k)) order.Add(k);
        }
        return order;
    }
}
