using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using Workbench.Experiments;
using Workbench.Reporting.Tables;

namespace Workbench.Papers.Spq.Ablation;

/// <summary>
/// Writes SPQ's ablation table as <c>ablation-&lt;preset&gt;.csv</c> (the numbers, with preset, seeds, runtime and
/// the commit of the runs) and <c>ablation-&lt;preset&gt;.md</c> (the same table with the protocol it was
/// measured under, the paper's protocol beside it, and a plain statement of where SPQ stands against
/// each baseline).
/// </summary>
public static class SpqAblationReport
{
    /// <summary>Writes both files into <paramref name="folder"/> and returns their paths.</summary>
    /// <param name="entries">The collected runs.</param>
    /// <param name="preset">Their preset.</param>
    /// <param name="paper">Published numbers, or null.</param>
    /// <param name="folder">Output folder (e.g. <c>results/spq</c>).</param>
    /// <param name="wallSeconds">Wall-clock seconds of the ablation command, if it trained anything.</param>
    /// <param name="command">The command that produced it, for the Markdown header.</param>
    public static (string Csv, string Markdown) Write(IReadOnlyList<SpqAblationEntry> entries, PresetLabel preset, IReadOnlyList<PaperResult>? paper,
        string folder, double? wallSeconds, string command)
    {
        var table = SpqAblationTable.Build(entries, preset, paper);
        var runs = entries.SelectMany(e => e.Runs).ToList();
        string commit = string.Join(" ", runs.Select(r => ShortCommit(r.Manifest)).Distinct());
        var withCommit = table.Clone();
        withCommit.Columns.Add(new StringDataFrameColumn("commit", Enumerable.Repeat(commit, (int)table.Rows.Count)));
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, $"ablation-{preset.Name()}.csv");
        string md = Path.Combine(folder, $"ablation-{preset.Name()}.md");
        TableCsv.Save(withCommit, csv);
        File.WriteAllText(md, Markdown(table, entries, preset, wallSeconds, command), new UTF8Encoding(false));
        return (csv, md);
    }

    /// <summary>The Markdown page: header, protocols, table, verdicts, seeds and runtime.</summary>
    public static string Markdown(DataFrame table, IReadOnlyList<SpqAblationEntry> entries, PresetLabel preset, double? wallSeconds, string command)
    {
        var labels = SpqAblationTable.Labels.For(preset);
        var config = SpqPresets.Create(preset, SpqVariants.Seed);
        var runs = entries.SelectMany(e => e.Runs).ToList();
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"# SPQ ablation ({preset.Name()} preset)\n\n");
        var commits = runs.GroupBy(r => ShortCommit(r.Manifest)).Select(g => $"`{g.Key}` ({g.Count()} runs)");
        sb.Append(inv, $"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} from {runs.Count} run records; each record names the repository commit at its start: {string.Join(", ", commits)}. ");
        sb.Append("Every number is a measured run; `--collect-only` rebuilds this page from the records without training.\n\n");
        sb.Append("**The two protocols differ, so the paper column is context, not a target.**\n\n");
        sb.Append(inv, $"- *paper (CIFAR-10)*: Jang & Cho, ICCV 2021: ResNet-18 (CIFAR stem) trained from scratch on the 50,000 CIFAR-10 training images for about 3,000 epochs, database = those 50,000 images, 10,000 test queries, mAP@1000, the best of evaluations every 100 epochs (values from `data/paper-results.csv`; the 16-bit value is marked \"verify\" there).\n");
        int steps = (config.Data.TrainImages ?? 0) / config.BatchSize * (config.Training.Epochs ?? 0);
        sb.Append(inv, $"- *{labels.OursMapK["mAP@1000 ".Length..]}*: {labels.Dataset}: database = the 60,000 training images, queries = the 10,000 test images, relevance = same class, {labels.MapK} over every query");
        if (labels.MapAllQueries is { } q) sb.Append(inv, $", mAP@all over a stratified subset of {q:N0} queries");
        sb.Append(inv, $". SPQ: {config.Backbone} ({string.Join('/', config.BackboneChannels ?? [])} channels, FC {config.BackboneOutputs}) from scratch on a stratified {config.Data.TrainImages:N0}-image subset, batch {config.BatchSize}, {config.Training.Epochs} epochs ({steps} steps), the last epoch's evaluation. ");
        sb.Append("Variants: SPQ = the seed recipe (SimCLR CIFAR augmentation, Adam 1e-3 with cosine decay, squared ADC); SPQ (official) = the official code's recipe (kornia augmentation, Adam 3e-4 / wd 1e-5, periodic cosine, non-squared ADC); SPQ-C = plain contrastive loss on [ẑᵃ; ẑᵇ]; SPQ-H = hard quantization; baselines fitted on the same training images, same code length: PQ by k-means on raw pixels, PQ on the PCA of the pixels (M·16 dimensions), random-hyperplane LSH with Hamming ranking.\n\n");
        sb.Append(TableMarkdown.Render(table, decimals: 3)).Append('\n');
        sb.Append("## Where SPQ stands\n\n");
        foreach (var line in Verdicts(entries, labels.MapK)) sb.Append("- ").Append(line).Append('\n');
        sb.Append("\n## Seeds and runtime\n\n");
        foreach (var e in entries.Where(e => e.Runs.Count > 1))
        {
            sb.Append(inv, $"- {e.Item.Method} at {e.Item.Bits} bits: seeds {string.Join(", ", e.Runs.Select(r => r.Seed))} (mean ± sample sd).\n");
        }
        sb.Append("- Every other row: seed ").Append(string.Join(", ", runs.Select(r => r.Seed).Distinct().Order().Take(1))).Append(".\n");
        double train = runs.Sum(r => r.Manifest.Timings.TrainSeconds), eval = runs.Sum(r => r.Manifest.Timings.EvalSeconds), total = runs.Sum(r => r.Manifest.Timings.TotalSeconds);
        sb.Append(inv, $"- Summed over the {runs.Count} runs: {total / 60:F1} min ({train / 60:F1} min training or fitting, {eval / 60:F1} min evaluating)");
        if (wallSeconds is { } w) sb.Append(inv, $"; this invocation took {w / 60:F1} min wall-clock");
        var threads = runs.Select(r => r.Manifest.Threads).Where(t => t > 0).Distinct().ToList();
        sb.Append(inv, $". Machine: {runs.FirstOrDefault()?.Manifest.Environment?.Cores} cores, torch threads {string.Join("/", threads)}, shared with other jobs (times vary with load).\n");
        return sb.ToString();
    }

    private static string ShortCommit(Experiments.Records.RunManifest manifest) =>
        manifest.Environment?.GitCommit is { Length: > 0 } c ? c[..Math.Min(12, c.Length)] : "unknown";

    /// <summary>One sentence per code length comparing SPQ (seed variant) with the best baseline, stated plainly.</summary>
    public static IReadOnlyList<string> Verdicts(IReadOnlyList<SpqAblationEntry> entries, string metric)
    {
        var lines = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        foreach (var group in entries.Where(e => e.Runs.Count > 0).GroupBy(e => e.Item.Bits).OrderBy(g => g.Key))
        {
            double Mean(SpqAblationEntry e) => e.Runs.Average(r => r.Metrics.GetValueOrDefault(metric, double.NaN));
            var spq = group.FirstOrDefault(e => e.Item.Variant == SpqVariants.Seed);
            var baselines = group.Where(e => e.Item.Baseline is not null).ToList();
            if (spq is null || baselines.Count == 0) continue;
            double ours = Mean(spq);
            var best = baselines.OrderByDescending(Mean).First();
            var beaten = baselines.Where(b => ours > Mean(b)).Select(b => b.Item.Method).ToList();
            var notBeaten = baselines.Where(b => ours <= Mean(b)).Select(b => $"{b.Item.Method} ({Mean(b).ToString("F3", inv)})").ToList();
            string text = notBeaten.Count == 0
                ? $"{group.Key} bits: SPQ ({ours.ToString("F3", inv)}) beats every baseline; the best, {best.Item.Method}, reaches {Mean(best).ToString("F3", inv)}."
                : $"{group.Key} bits: SPQ ({ours.ToString("F3", inv)}) does **not** beat {string.Join(" and ", notBeaten)}" +
                  (beaten.Count > 0 ? $"; it does beat {string.Join(" and ", beaten)}." : ".");
            var plain = group.FirstOrDefault(e => e.Item.Variant == SpqVariants.SpqC);
            var hard = group.FirstOrDefault(e => e.Item.Variant == SpqVariants.SpqH);
            if (plain is not null) text += $" SPQ-C: {Mean(plain).ToString("F3", inv)} ({(Mean(plain) < ours ? "below" : "not below")} SPQ).";
            if (hard is not null) text += $" SPQ-H: {Mean(hard).ToString("F3", inv)} ({(Mean(hard) < ours ? "below" : "not below")} SPQ).";
            lines.Add(text);
        }
        return lines;
    }
}
