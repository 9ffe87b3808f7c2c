using System.Globalization;
using System.Text;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The facility-location results summary (<see cref="AblationPaper.Summary"/>): for each dataset, the best C/m of every loss
/// (by mean NMI) ranked by NMI, with NMI and R@K in % as mean ± sample sd over seeds, and the verdict on where facility location
/// stands (<see cref="DmlAblationReport.Verdict"/>), which compares only losses that finished.
/// </summary>
public static class DmlSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The Markdown tables and verdicts of <paramref name="result"/>.</summary>
    /// <exception cref="ArgumentException">No row has a finished run.</exception>
    public static string Render(AblationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var runs = DmlAblationReport.Runs(result);
        if (runs.Count == 0) throw new ArgumentException("No finished dml runs to summarise; run `workbench ablation run dml` first.", nameof(result));
        var cells = DmlAblationRow.FromRuns(runs);
        var metrics = new List<string> { "NMI" };
        metrics.AddRange(runs.SelectMany(r => r.Metrics.Keys).Where(k => k.StartsWith("R@", StringComparison.Ordinal)).Distinct().OrderBy(k => int.Parse(k[2..], Inv)));
        var sb = new StringBuilder();
        foreach (var group in cells.GroupBy(c => (c.Dataset, c.Variant)))
        {
            var best = group.GroupBy(c => c.Loss).Select(g => g.OrderByDescending(c => c.Mean.GetValueOrDefault("NMI")).First())
                            .OrderByDescending(c => c.Mean.GetValueOrDefault("NMI")).ToList();
            var seeds = group.Select(c => c.Seeds.Count).Distinct().Order().ToList();
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(Inv, $"**{group.Key.Dataset}** ({result.Spec.Preset.Name()} preset, {group.Sum(c => c.Seeds.Count)} runs, {string.Join("/", seeds)} seed(s) per cell): best C/m per loss by mean NMI, % as mean ± sample sd.\n\n");
            sb.Append("| loss | best C/m | ").Append(string.Join(" | ", metrics)).Append(" |\n|---|---:|").Append(string.Concat(metrics.Select(_ => "---:|"))).Append('\n');
            foreach (var c in best)
            {
                sb.Append($"| {DmlLosses.DisplayName(c.Loss)} | {c.Ratio.ToString("F2", Inv)} |");
                foreach (var m in metrics) sb.Append(' ').Append(DmlAblationReport.MeanSd(c, m)).Append(" |");
                sb.Append('\n');
            }
            sb.Append('\n').Append(DmlAblationReport.Verdict(best)).Append('\n');
        }
        return sb.ToString();
    }
}
