using System.Globalization;

namespace Workbench.Cli.Slurm;

/// <summary>Parsers of <c>squeue</c> and <c>sacct</c> output, including array index ranges such as <c>[0-3,7]%2</c>.</summary>
public static class SlurmOutput
{
    /// <summary>Lines of <c>squeue --format=%F|%K|%T|%r</c>: array job id, array index (or range), state, reason.</summary>
    public static IEnumerable<SlurmQueueEntry> ParseQueue(string text)
    {
        foreach (string line in Lines(text))
        {
            var f = line.Split('|');
            if (f.Length < 4) continue;
            foreach (int index in Indices(f[1])) yield return new SlurmQueueEntry(f[0].Trim(), index, f[2].Trim(), f[3].Trim());
        }
    }

    /// <summary>Lines of <c>sacct --parsable2 --format=JobID,State,ExitCode</c> with array ids <c>123_4</c> or <c>123_[4-7]</c>.</summary>
    public static IEnumerable<SlurmQueueEntry> ParseAccounting(string text)
    {
        foreach (string line in Lines(text))
        {
            var f = line.Split('|');
            if (f.Length < 3) continue;
            int cut = f[0].IndexOf('_', StringComparison.Ordinal);
            if (cut < 0) continue;
            // "CANCELLED by 0" -> CANCELLED
            string state = f[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            foreach (int index in Indices(f[0][(cut + 1)..])) yield return new SlurmQueueEntry(f[0][..cut], index, state, "", f[2].Trim());
        }
    }

    /// <summary>The indices of an array range: <c>3</c>, <c>0-3</c>, <c>[0-3,7]</c>, <c>0-9%2</c>, <c>0-8:2</c>; empty for <c>N/A</c>.</summary>
    public static IEnumerable<int> Indices(string range)
    {
        string r = range.Trim();
        int pct = r.IndexOf('%', StringComparison.Ordinal);
        if (pct >= 0) r = r[..pct];
        r = r.Trim('[', ']');
        foreach (string part in r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string span = part;
            int step = 1;
            int colon = span.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                if (!int.TryParse(span[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1) continue;
                span = span[..colon];
            }
            int dash = span.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out int one)) yield return one;
                continue;
            }
            if (!int.TryParse(span[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int from)
                || !int.TryParse(span[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int to)) continue;
            for (int i = from; i <= to; i += step) yield return i;
        }
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
