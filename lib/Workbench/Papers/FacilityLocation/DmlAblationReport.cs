using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Records;
using Workbench.Reporting.Tables;
using Workbench.Runtime;
using Workbench.Training.Records;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The ablation tables from the run records the <see cref="AblationRunner"/> collected: <c>ablation-&lt;preset&gt;.csv</c> (one row per cell:
/// dataset, preset, variant, loss, C/m, m, steps, n, seeds, mean and sd of NMI and R@K in %, seconds
/// per run, commits), <c>ablation-&lt;preset&gt;-runs.csv</c> (one row per run) and
/// <c>ablation-&lt;preset&gt;.md</c> with the same cells, the best C/m per loss, and the paper's
/// CUB-200-2011 / Cars196 / SOP numbers beside them, labelled as another dataset and protocol.
/// </summary>
public static class DmlAblationReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The three files of <paramref name="result"/>: cells CSV, runs CSV and the Markdown page.</summary>
    /// <exception cref="ArgumentException">No finished run.</exception>
    public static IReadOnlyList<AblationFile> Render(AblationResult result, AblationReportContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        string preset = result.Spec.Preset.Name();
        var runs = Runs(result);
        if (runs.Count == 0) throw new ArgumentException($"No finished dml runs of preset '{preset}' to tabulate; run `workbench ablation run dml --preset {preset}` first.", nameof(result));
        var cells = DmlAblationRow.FromRuns(runs);
        var ks = runs.SelectMany(r => r.Metrics.Keys).Where(k => k.StartsWith("R@", StringComparison.Ordinal)).Distinct()
                     .OrderBy(k => int.Parse(k[2..], Inv)).ToList();
        var metrics = new List<string> { "NMI" };
        metrics.AddRange(ks);
        // the machine the records name (the newest run's), so the page is rebuilt byte for byte from the records
        var env = runs.OrderBy(r => r.Ended).Select(r => result.Runs.First(x => x.Manifest.RunId == r.RunId).Manifest.Environment).LastOrDefault(e => e is not null) ?? EnvironmentInfo.Capture();
        string machine = $"Machine: {env.Cores} cores, {env.Os}, {env.DotNet}.";
        var paper = PaperResults.TryLoadDefault();
        return
        [
            new AblationFile($"ablation-{preset}.csv", CellsCsv(cells, metrics)),
            new AblationFile($"ablation-{preset}-runs.csv", RunsCsv(runs, metrics)),
            new AblationFile($"ablation-{preset}.md", Markdown(cells, runs, metrics, preset, paper, machine, context.Command)),
        ];
    }

    /// <summary>One row per finished run of <paramref name="result"/>, by dataset, loss (paper order), C/m and seed.</summary>
    public static IReadOnlyList<DmlRunRow> Runs(AblationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Runs.Select(run =>
        {
            var config = run.Manifest.Config.Deserialize<DmlConfig>(RecordJson.Compact)
                         ?? throw new InvalidDataException($"{run.Directory}: the manifest has no dml configuration.");
            var m = run.Manifest;
            return new DmlRunRow(m.RunId, run.Directory, config.Dataset, config.Loss, config.ResolvedRatio, config.BatchSize, m.Variant, m.Preset,
                m.Seed, m.Progress?.Step ?? run.Metrics.Final?.Step ?? 0, run.Final, m.Timings.TotalSeconds, m.Timings.TrainSeconds,
                m.Environment?.GitCommit, m.Threads, m.StartedUtc, m.EndedUtc ?? m.StartedUtc);
        }).OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => DmlLosses.Order(r.Loss)).ThenBy(r => r.Ratio).ThenBy(r => r.Seed).ToList();
    }

    /// <summary>The cell table as CSV (metrics in %).</summary>
    public static string CellsCsv(IReadOnlyList<DmlAblationRow> cells, IReadOnlyList<string> metrics)
    {
        var sb = new StringBuilder();
        sb.Append("dataset,preset,variant,loss,ratio,batch_size,steps,n,seeds");
        foreach (var m in metrics) sb.Append(',').Append(m).Append(" (%),").Append(m).Append(" sd");
        sb.Append(",seconds_per_run,commits\n");
        foreach (var c in cells)
        {
            sb.Append(string.Join(',', c.Dataset, c.Preset, c.Variant, c.Loss, F(c.Ratio, 2), c.BatchSize, c.Steps, c.Seeds.Count, string.Join(' ', c.Seeds)));
            foreach (var m in metrics) sb.Append(',').Append(Pct(c.Mean, m)).Append(',').Append(Pct(c.Sd, m));
            sb.Append(',').Append(F(c.SecondsPerRun, 1)).Append(',').Append(string.Join(' ', c.Commits)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>One row per run as CSV (metrics in %).</summary>
    public static string RunsCsv(IReadOnlyList<DmlRunRow> runs, IReadOnlyList<string> metrics)
    {
        var sb = new StringBuilder("run_id,dataset,preset,variant,loss,ratio,batch_size,steps,seed");
        foreach (var m in metrics) sb.Append(',').Append(m).Append(" (%)");
        sb.Append(",total_seconds,train_seconds,threads,commit\n");
        foreach (var r in runs)
        {
            sb.Append(string.Join(',', r.RunId, r.Dataset, r.Preset, r.Variant, r.Loss, F(r.Ratio, 2), r.BatchSize, r.Steps, r.Seed));
            foreach (var m in metrics) sb.Append(',').Append(Pct(r.Metrics, m));
            sb.Append(',').Append(F(r.TotalSeconds, 1)).Append(',').Append(F(r.TrainSeconds, 1)).Append(',').Append(r.Threads).Append(',').Append(r.Commit ?? "unknown").Append('\n');
        }
        return sb.ToString();
    }

    private static string Markdown(IReadOnlyList<DmlAblationRow> cells, IReadOnlyList<DmlRunRow> runs, IReadOnlyList<string> metrics, string preset,
        IReadOnlyList<PaperResult>? paper, string machine, string command)
    {
        var sb = new StringBuilder();
        sb.Append($"# Facility-location DML ablation, preset `{preset}`\n\n");
        sb.Append("Generated by `").Append(command).Append("` from the run records (`dml-").Append(preset).Append("-*`). ");
        sb.Append($"{runs.Count} runs; commits {string.Join(", ", cells.SelectMany(c => c.Commits).Distinct())}; ");
        double span = (runs.Max(r => r.Ended) - runs.Min(r => r.Started)).TotalMinutes;
        sb.Append($"run times sum to {F(runs.Sum(r => r.TotalSeconds) / 60, 1)} min ({F(runs.Average(r => r.TotalSeconds), 1)} s per run, torch threads {string.Join("/", runs.Select(r => r.Threads).Distinct())}); ");
        sb.Append($"first start to last end {F(span, 1)} min ({runs.Min(r => r.Started):yyyy-MM-dd HH:mm}–{runs.Max(r => r.Ended):HH:mm} UTC). {machine}\n\n");
        sb.Append("Values are mean ± sample sd over the seeds, in %. NMI: k-means on the L2-normalised test embeddings with k = number of test classes ");
        sb.Append("(geometric normalisation, mean over the k-means seeds in each run's `dml-evaluation.json`). R@K: every test image queries all other test images (Euclidean).\n");
        foreach (var group in cells.GroupBy(c => (c.Dataset, c.Variant)))
        {
            var first = group.First();
            sb.Append($"\n## {first.Dataset} · variant {first.Variant} · preset {preset}\n\n");
            sb.Append("| loss | C/m | m | steps | n | seeds |");
            foreach (var m in metrics) sb.Append($" {m} |");
            sb.Append(" s/run |\n|---|---:|---:|---:|---:|---|");
            foreach (var _ in metrics) sb.Append("---:|");
            sb.Append("---:|\n");
            foreach (var c in group)
            {
                sb.Append($"| {DmlLosses.DisplayName(c.Loss)} | {F(c.Ratio, 2)} | {c.BatchSize} | {c.Steps} | {c.Seeds.Count} | {string.Join(" ", c.Seeds)} |");
                foreach (var m in metrics) sb.Append($" {MeanSd(c, m)} |");
                sb.Append($" {F(c.SecondsPerRun, 0)} |\n");
            }
            sb.Append("\nBest C/m per loss (by mean NMI) and the ranking of the losses:\n\n");
            var best = group.GroupBy(c => c.Loss).Select(g => g.OrderByDescending(c => c.Mean.GetValueOrDefault("NMI")).First())
                            .OrderByDescending(c => c.Mean.GetValueOrDefault("NMI")).ToList();
            sb.Append("| rank | loss | best C/m | NMI | R@1 |\n|---:|---|---:|---:|---:|\n");
            for (int i = 0; i < best.Count; i++)
                sb.Append($"| {i + 1} | {DmlLosses.DisplayName(best[i].Loss)} | {F(best[i].Ratio, 2)} | {MeanSd(best[i], "NMI")} | {MeanSd(best[i], "R@1")} |\n");
            sb.Append('\n').Append(Verdict(best)).Append('\n');
        }
        if (paper is not null) sb.Append(PaperSection(paper));
        return sb.ToString();
    }

    /// <summary>A plain sentence on where facility location stands among the losses of one table (best C/m each).</summary>
    public static string Verdict(IReadOnlyList<DmlAblationRow> bestPerLoss)
    {
        var fl = bestPerLoss.FirstOrDefault(c => c.Loss == Losses.MetricLearning.MetricLossCatalog.FacilityLocation);
        if (fl is null) return "Facility location has no finished run in this table, so nothing is compared.";
        if (bestPerLoss.Count < 2) return "Only facility location has finished runs in this table, so it is compared with no other loss.";
        var byNmi = bestPerLoss.OrderByDescending(c => c.Mean.GetValueOrDefault("NMI")).ToList();
        int rankNmi = byNmi.IndexOf(fl) + 1;
        int rankR1 = bestPerLoss.OrderByDescending(c => c.Mean.GetValueOrDefault("R@1")).ToList().IndexOf(fl) + 1;
        var rival = rankNmi == 1 ? (byNmi.Count > 1 ? byNmi[1] : null) : byNmi[0];
        string head = rankNmi == 1 && rankR1 == 1
            ? "Facility location has the highest mean NMI and R@1 here (best C/m per loss)"
            : $"Facility location does **not** beat every baseline here: it ranks {rankNmi} of {bestPerLoss.Count} by NMI and {rankR1} of {bestPerLoss.Count} by R@1 (best C/m per loss)";
        if (rival is null) return head + ".";
        double gap = 100 * (fl.Mean["NMI"] - rival.Mean["NMI"]);
        double sd = 100 * Math.Max(fl.Sd.GetValueOrDefault("NMI", double.NaN), rival.Sd.GetValueOrDefault("NMI", double.NaN));
        string against = $"{(gap >= 0 ? "ahead of" : "behind")} {DmlLosses.DisplayName(rival.Loss)} by {F(Math.Abs(gap), 2)} NMI points";
        if (!double.IsFinite(sd)) return head + $"; {against}, with one seed per cell (no spread estimate).";
        return head + $"; {against}, " + (Math.Abs(gap) < sd
            ? $"which is less than the larger seed sd of the two ({F(sd, 2)}): not a reliable difference."
            : $"more than the larger seed sd of the two ({F(sd, 2)}).");
    }

    private static string PaperSection(IReadOnlyList<PaperResult> paper)
    {
        var rows = paper.Where(p => p.Paper.Equals("Facility location", StringComparison.OrdinalIgnoreCase)).ToList();
        if (rows.Count == 0) return "";
        var sb = new StringBuilder("\n## The paper's numbers (different datasets and protocol)\n\n");
        sb.Append("Song et al. (CVPR 2017), embedding size 64, ImageNet-pretrained GoogLeNet-BN, m = 128, 256 px images with 227 crops. ");
        sb.Append("These are **not** comparable with the rows above (other datasets, a pretrained network, far longer training); they show the ordering the paper reports. ");
        sb.Append("Values from `data/paper-results.csv`; status \"paper, verify\" means not re-read from the PDF.\n\n");
        var datasets = rows.Select(r => r.Dataset).Distinct().ToList();
        sb.Append("| method |");
        foreach (var d in datasets) sb.Append($" {d} NMI | {d} R@1 |");
        sb.Append("\n|---|");
        foreach (var _ in datasets) sb.Append("---:|---:|");
        sb.Append('\n');
        foreach (var method in rows.Select(r => r.Method).Distinct())
        {
            sb.Append($"| {method} |");
            foreach (var d in datasets)
            {
                string Cell(string metric) => rows.FirstOrDefault(r => r.Method == method && r.Dataset == d && r.Metric == metric) is { } p ? F(p.Value, 2) : "–";
                sb.Append($" {Cell("NMI")} | {Cell("R@1")} |");
            }
            sb.Append('\n');
        }
        string status = string.Join(", ", rows.Select(r => r.Status).Distinct());
        sb.Append($"\nStatus of these numbers: {status}. Contrastive loss has no row in the paper's tables.\n");
        return sb.ToString();
    }

    internal static string MeanSd(DmlAblationRow c, string metric)
    {
        if (!c.Mean.TryGetValue(metric, out double mean)) return "–";
        double sd = c.Sd.GetValueOrDefault(metric, double.NaN);
        return double.IsFinite(sd) ? $"{F(100 * mean, 2)} ± {F(100 * sd, 2)}" : F(100 * mean, 2);
    }

    private static string Pct(IReadOnlyDictionary<string, double> values, string metric) =>
        values.TryGetValue(metric, out double v) && double.IsFinite(v) ? F(100 * v, 3) : "";

    private static string F(double v, int decimals) => v.ToString("F" + decimals.ToString(Inv), Inv);
}
