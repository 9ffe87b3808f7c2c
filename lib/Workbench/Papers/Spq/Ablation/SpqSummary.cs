using System.Globalization;
using System.Text;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Records;

namespace Workbench.Papers.Spq.Ablation;

/// <summary>
/// SPQ's results summary (<see cref="AblationPaper.Summary"/>): mAP@K per code length and method (mean ± sample sd over
/// seeds where a row has several), the paper's CIFAR-10 value as context, and verdicts computed from those rows: against
/// each baseline at how many code lengths SPQ is ahead, and where SPQ-H and SPQ-C stand. A verdict is written only for
/// rows that finished. A cell whose runs the health rule judges collapsed (for SPQ: a codebook that gives almost every
/// item one codeword) is marked ‡k/n with a footnote; it stays in the mean, since SPQ-H's collapse is what that variant does.
/// </summary>
public static class SpqSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The Markdown table and verdicts of <paramref name="result"/>.</summary>
    /// <exception cref="ArgumentException">No row has a finished run.</exception>
    public static string Render(AblationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.WithRuns.Count == 0) throw new ArgumentException("No finished SPQ runs to summarise; run `workbench ablation run spq` first.", nameof(result));
        string metric = SpqAblationTable.Labels.For(result.Spec.Preset).MapK;
        var bits = result.WithRuns.Select(r => r.Row.ValueOf("bits")!).Distinct().OrderBy(b => int.Parse(b, Inv)).ToList();
        var labels = result.WithRuns.Select(r => r.Row.Label).Distinct().ToList();
        var sb = new StringBuilder();
        sb.Append(Inv, $"{metric}, mean ± sample sd over seeds where a row has several ({result.Spec.Preset.Name()} preset, {result.Runs.Count} runs):\n\n");
        sb.Append("| bits | ").Append(string.Join(" | ", labels)).Append(" | paper SPQ (CIFAR-10) |\n|---|");
        sb.Append(string.Concat(labels.Select(_ => "---:|"))).Append("---:|\n");
        foreach (string b in bits)
        {
            sb.Append("| ").Append(b).Append(" |");
            foreach (string label in labels) sb.Append(' ').Append(Row(result, label, b) is { } row ? Cell(row, metric) : "—").Append(" |");
            var paper = result.Spec.References.FirstOrDefault(p => p.Row == "SPQ" && string.Equals(p.Setting, SpqAblation.Setting(b), StringComparison.OrdinalIgnoreCase)
                                                                   && string.Equals(p.Metric, metric, StringComparison.OrdinalIgnoreCase));
            sb.Append(' ').Append(paper is null ? "—" : paper.Value.ToString("F3", Inv) + (paper.Source.Contains("verify", StringComparison.OrdinalIgnoreCase) ? " (verify)" : "")).Append(" |\n");
        }
        if (result.WithRuns.Any(r => CollapsedRuns(r) > 0)) sb.Append('\n').Append(CollapseNote).Append('\n');
        var verdicts = Verdicts(result, metric, bits);
        if (verdicts.Count > 0) sb.Append('\n').Append(string.Join("\n", verdicts.Select(v => "- " + v))).Append('\n');
        return sb.ToString();
    }

    /// <summary>The verdict sentences: SPQ against each baseline over the code lengths where both finished, then SPQ-H and SPQ-C against SPQ.</summary>
    public static IReadOnlyList<string> Verdicts(AblationResult result, string metric, IReadOnlyList<string> bits)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(bits);
        var lines = new List<string>();
        string spq = SpqAblation.VariantLabels[SpqVariants.Seed];
        var compared = bits.Where(b => Row(result, spq, b) is not null).ToList();
        if (compared.Count == 0) return lines;
        foreach (string baseline in SpqAblation.BaselineLabels.Values)
        {
            var both = compared.Where(b => Row(result, baseline, b) is not null).ToList();
            if (both.Count == 0) continue;
            var ahead = both.Where(b => Mean(Row(result, spq, b)!, metric) > Mean(Row(result, baseline, b)!, metric)).ToList();
            string where = Where(both);
            string text = ahead.Count == 0 ? $"**SPQ does not beat {baseline} at any {where}**"
                : ahead.Count == both.Count ? $"SPQ beats {baseline} at every {where}"
                : $"SPQ beats {baseline} only at {string.Join(" and ", ahead)} bits (of {string.Join(", ", both)})";
            lines.Add(text + $": {Pairs(result, spq, baseline, both, metric)}.");
        }
        foreach (var (label, what) in new[] { (SpqAblation.VariantLabels[SpqVariants.SpqH], "hard quantization"), (SpqAblation.VariantLabels[SpqVariants.SpqC], "plain contrastive loss on the codes") })
        {
            var both = compared.Where(b => Row(result, label, b) is not null).ToList();
            if (both.Count == 0) continue;
            var below = both.Where(b => Mean(Row(result, label, b)!, metric) < Mean(Row(result, spq, b)!, metric)).ToList();
            string text = below.Count == both.Count ? $"{label} ({what}) is below SPQ at every {Where(both)}"
                : below.Count == 0 ? $"{label} ({what}) is not below SPQ at any {Where(both)}"
                : $"{label} ({what}) is below SPQ at {string.Join(" and ", below)} bits only";
            lines.Add(text + $": {Pairs(result, label, spq, both, metric)}.");
        }
        var spread = result.WithRuns.Where(r => r.Runs.Count > 1 && r.Final.TryGetValue(metric, out var s) && s.StandardDeviation is not null).ToList();
        lines.Add(spread.Count == 0
            ? "Every row has one seed, so there is no spread estimate: read small differences as noise."
            : "Seed spread: " + string.Join(", ", spread.Select(r => $"{r.Row.Label} at {r.Row.ValueOf("bits")} bits sd {r.Final[metric].StandardDeviation!.Value.ToString("F3", Inv)} over {r.Runs.Count} seeds")) +
              "; rows with one seed have no spread of their own, so differences of that size are noise.");
        return lines;
    }

    private static AblationRowResult? Row(AblationResult result, string label, string bits) =>
        result.WithRuns.FirstOrDefault(r => r.Row.Label == label && r.Row.ValueOf("bits") == bits);

    private static double Mean(AblationRowResult row, string metric) => row.Final.TryGetValue(metric, out var s) ? s.Mean : double.NaN;

    /// <summary>Footnote of a cell marked ‡k/n.</summary>
    public const string CollapseNote =
        "‡k/n: k of the cell's n runs have a collapsed codebook (health `min perplexity` < 1.05: one codeword takes almost every database item, so its bits carry nothing; see each run's `metrics.json`). Kept in the mean: the collapse is part of what the variant does.";

    /// <summary>How many of <paramref name="row"/>'s runs the health rule judges collapsed (<see cref="MetricsRecord.CurrentHealth"/>).</summary>
    public static int CollapsedRuns(AblationRowResult row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Runs.Count(r => r.Metrics.CurrentHealth().Collapsed);
    }

    private static string Cell(AblationRowResult row, string metric)
    {
        if (!row.Final.TryGetValue(metric, out var s)) return "—";
        string value = s.StandardDeviation is { } sd && row.Runs.Count > 1 ? $"{s.Mean.ToString("F3", Inv)} ± {sd.ToString("F3", Inv)}" : s.Mean.ToString("F3", Inv);
        int collapsed = CollapsedRuns(row);
        return collapsed > 0 ? $"{value} ‡{collapsed}/{row.Runs.Count}" : value;
    }

    private static string Where(IReadOnlyList<string> bits) => bits.Count == 1 ? $"code length here ({bits[0]} bits)" : $"code length ({string.Join(", ", bits)} bits)";

    private static string Pairs(AblationResult result, string a, string b, IReadOnlyList<string> bits, string metric) =>
        string.Join("; ", bits.Select(x => $"{x} bits {Mean(Row(result, a, x)!, metric).ToString("F3", Inv)} vs {Mean(Row(result, b, x)!, metric).ToString("F3", Inv)}"));
}
