using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Records;
using Workbench.Reporting.Tables;
using Workbench.Training.Records;

namespace Workbench.Papers.Spq.Ablation;

/// <summary>
/// SPQ's ablation report: <c>ablation-&lt;preset&gt;.csv</c> (the numbers, with preset, seeds, runtime and the commit
/// of the runs) and <c>ablation-&lt;preset&gt;.md</c> (the same table with the protocol it was measured under, the
/// paper's protocol beside it; its closing summary, with the verdicts, is <see cref="SpqSummary"/>).
/// </summary>
public static class SpqAblationReport
{
    /// <summary>Both files of <paramref name="result"/>.</summary>
    public static IReadOnlyList<AblationFile> Render(AblationResult result, AblationReportContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        var table = SpqAblationTable.Build(result);
        string commit = string.Join(" ", result.Runs.Select(r => ShortCommit(r.Manifest)).Distinct());
        var withCommit = table.Clone();
        withCommit.Columns.Add(new StringDataFrameColumn("commit", Enumerable.Repeat(commit, (int)table.Rows.Count)));
        string preset = result.Spec.Preset.Name();
        return [new AblationFile($"ablation-{preset}.csv", TableCsv.Write(withCommit)), new AblationFile($"ablation-{preset}.md", Markdown(table, result, context))];
    }

    /// <summary>The Markdown page: header, protocols, table, verdicts, seeds and runtime.</summary>
    public static string Markdown(DataFrame table, AblationResult result, AblationReportContext context)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        var preset = result.Spec.Preset;
        var labels = SpqAblationTable.Labels.For(preset);
        var config = SpqPresets.Create(preset, SpqVariants.Seed);
        var runs = result.Runs;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"# SPQ ablation ({preset.Name()} preset)\n\n");
        var commits = runs.GroupBy(r => ShortCommit(r.Manifest)).Select(g => $"`{g.Key}` ({g.Count()} runs)");
        sb.Append(inv, $"Produced by `{context.Command}` on {context.Date:yyyy-MM-dd} from {runs.Count} run records; each record names the repository commit at its start: {string.Join(", ", commits)}. ");
        sb.Append("Every number is a measured run; `workbench ablation report spq` rebuilds this page from the records without training.\n\n");
        sb.Append("**The two protocols differ, so the paper column is context, not a target.**\n\n");
        sb.Append(inv, $"- *paper (CIFAR-10)*: Jang & Cho, ICCV 2021: ResNet-18 (CIFAR stem) trained from scratch on the 50,000 CIFAR-10 training images for about 3,000 epochs, database = those 50,000 images, 10,000 test queries, mAP@1000, the best of evaluations every 100 epochs (values from `data/paper-results.csv`; the 16-bit value is marked \"verify\" there).\n");
        int steps = (config.Data.TrainImages ?? 0) / config.BatchSize * (config.Training.Epochs ?? 0);
        sb.Append(inv, $"- *{labels.OursMapK["mAP@1000 ".Length..]}*: {labels.Dataset}: database = the 60,000 training images, queries = the 10,000 test images, relevance = same class, {labels.MapK} over every query");
        if (labels.MapAllQueries is { } q) sb.Append(inv, $", mAP@all over a stratified subset of {q:N0} queries");
        sb.Append(inv, $". SPQ: {config.Backbone} ({string.Join('/', config.BackboneChannels ?? [])} channels, FC {config.BackboneOutputs}) from scratch on a stratified {config.Data.TrainImages:N0}-image subset, batch {config.BatchSize}, {config.Training.Epochs} epochs ({steps} steps), the last epoch's evaluation. ");
        sb.Append("Variants: SPQ = the seed recipe (SimCLR CIFAR augmentation, Adam 1e-3 with cosine decay, squared ADC); SPQ (official) = the official code's recipe (kornia augmentation, Adam 3e-4 / wd 1e-5, periodic cosine, non-squared ADC); SPQ-C = plain contrastive loss on [ẑᵃ; ẑᵇ]; SPQ-H = hard quantization; baselines fitted on the same training images, same code length: PQ by k-means on raw pixels, PQ on the PCA of the pixels (M·16 dimensions), random-hyperplane LSH with Hamming ranking.\n\n");
        sb.Append(TableMarkdown.Render(table, decimals: 3)).Append('\n');
        sb.Append("## Seeds and runtime\n\n");
        foreach (var e in result.Rows.Where(e => e.Runs.Count > 1))
        {
            sb.Append(inv, $"- {e.Row.Label} at {e.Row.ValueOf("bits")} bits: seeds {string.Join(", ", e.Runs.Select(r => r.Seed))} (mean ± sample sd).\n");
        }
        sb.Append("- Every other row: seed ").Append(string.Join(", ", runs.Select(r => r.Seed).Distinct().Order().Take(1))).Append(".\n");
        double train = runs.Sum(r => r.Manifest.Timings.TrainSeconds), eval = runs.Sum(r => r.Manifest.Timings.EvalSeconds), total = runs.Sum(r => r.Manifest.Timings.TotalSeconds);
        sb.Append(inv, $"- Summed over the {runs.Count} runs: {total / 60:F1} min ({train / 60:F1} min training or fitting, {eval / 60:F1} min evaluating)");
        if (result.WallSeconds is { } w) sb.Append(inv, $"; this invocation took {w / 60:F1} min wall-clock");
        var threads = runs.Select(r => r.Manifest.Threads).Where(t => t > 0).Distinct().ToList();
        sb.Append(inv, $". Machine: {runs.FirstOrDefault()?.Manifest.Environment?.Cores} cores, torch threads {string.Join("/", threads)}, shared with other jobs (times vary with load).\n");
        return sb.ToString();
    }

    private static string ShortCommit(RunManifest manifest) =>
        manifest.Environment?.GitCommit is { Length: > 0 } c ? c[..Math.Min(12, c.Length)] : "unknown";
}
