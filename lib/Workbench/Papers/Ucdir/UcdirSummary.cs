using System.Globalization;
using System.Text;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// UCDIR's results summary (<see cref="AblationPaper.Summary"/>): capped P@K₁ after the last epoch, mean of both directions,
/// one line per domain pair and one column per variant × row (mean ± sample sd over the healthy seeds, collapse marks as in
/// <see cref="UcdirAblationTable"/>), then the verdict of each pair (<see cref="UcdirAblationTable.Reading"/>) and one over
/// every pair, written only where a variant has its IW row and another row.
/// </summary>
public static class UcdirSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The Markdown table and verdicts of <paramref name="result"/>.</summary>
    /// <exception cref="ArgumentException">No row has a finished run.</exception>
    public static string Render(AblationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = UcdirAblationTable.Rows(result);
        if (rows.Count == 0) throw new ArgumentException("No finished UCDIR runs to summarise; run `workbench ablation run ucdir` first.", nameof(result));
        var columns = rows.Select(r => (r.Variant, r.Ablation)).Distinct().OrderBy(c => c.Variant == "Seed" ? 0 : 1)
            .ThenBy(c => UcdirAblation.RowsOf(c.Variant).ToList().IndexOf(c.Ablation)).ToList();
        var pairs = rows.GroupBy(r => r.Pair).ToList();
        int k1 = UcdirAblationTable.ProtocolKs(pairs[0].Key, rows).FirstOrDefault(1);
        string key = $"mean P@{k1} capped";
        var sb = new StringBuilder();
        sb.Append(Inv, $"Capped P@{k1} in % after the last epoch, mean of both directions, mean ± sample sd over the healthy seeds ({result.Spec.Preset.Name()} preset, {result.Runs.Count} runs):\n\n");
        sb.Append("| pair | ").Append(string.Join(" | ", columns.Select(c => $"{c.Variant} {c.Ablation}"))).Append(" |\n|---|");
        sb.Append(string.Concat(columns.Select(_ => "---:|"))).Append('\n');
        foreach (var pair in pairs)
        {
            sb.Append($"| {pair.Key.Data}: {pair.Key.DomainA} ↔ {pair.Key.DomainB} |");
            foreach (var (variant, ablation) in columns)
            {
                sb.Append(' ').Append(pair.FirstOrDefault(r => r.Variant == variant && r.Ablation == ablation) is { } row ? Cell(row, key) : "—").Append(" |");
            }
            sb.Append('\n');
        }
        if (rows.Any(r => r.Collapsed.Count > 0))
        {
            sb.Append("\n‡k/n: k of the row's n seeds collapsed (see each run's `metrics.json` health verdict) and are left out of the mean; ")
              .Append("‡all: every seed collapsed, shown in parentheses for the record only.\n");
        }
        var verdicts = new List<string>();
        bool anyAbove = false, anyCompared = false;
        foreach (var pair in pairs)
        {
            var own = pair.ToList();
            string reading = UcdirAblationTable.Reading(own, k1).Trim();
            if (reading.Length == 0) continue;
            anyCompared = true;
            anyAbove |= UcdirAblationTable.AboveIw(own, k1).Count > 0;
            foreach (string paragraph in reading.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
                verdicts.Add($"{pair.Key.Data}: {pair.Key.DomainA} ↔ {pair.Key.DomainB}, {paragraph.Trim()}");
        }
        if (anyCompared)
        {
            sb.Append('\n').Append(anyAbove
                ? "**On some pair a cluster-wise row is above IW** (see below).\n"
                : $"**The cluster-wise terms do not improve on instance-wise learning here**: on {(pairs.Count == 1 ? "this pair" : $"each of the {pairs.Count} pairs")}, in every variant with an IW row, no other row is above IW.\n");
            sb.Append('\n').Append(string.Join("\n", verdicts.Select(v => "- " + v))).Append('\n');
        }
        return sb.ToString();
    }

    private static string Cell(UcdirAblationRow row, string key)
    {
        if (!row.Last.TryGetValue(key, out var s)) return "—";
        string value = s.StandardDeviation is { } sd && row.AveragedSeeds.Count > 1 ? $"{s.Mean.ToString("F2", Inv)} ± {sd.ToString("F2", Inv)}" : s.Mean.ToString("F2", Inv);
        if (row.AllCollapsed) return $"({value}) ‡all";
        return row.Collapsed.Count > 0 ? $"{value} ‡{row.Collapsed.Count}/{row.Seeds.Count}" : value;
    }
}
