using System.Globalization;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Losses.MetricLearning;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The facility-location ablation of papers.md 3.4 as data: every loss at every C/m ratio, several seeds each. N-pairs
/// needs exactly two images per class, so it has one row (C/m = 0.5). The reduced preset also runs Fashion-MNIST, whose
/// split has only five training classes: every loss at C/m = 0.5 with m = 10 (all five classes, two images each),
/// 1,000 steps, 300 test images per class, 2 seeds. Tables: <see cref="DmlAblationReport"/>.
/// </summary>
public sealed class DmlAblationPaper : AblationPaper
{
    /// <summary>The paper's C/m values.</summary>
    public static IReadOnlyList<double> PaperRatios { get; } = [0.25, 0.5, 0.75];

    /// <summary>The loss axis.</summary>
    public static Axis<DmlConfig, string> Loss(IReadOnlyList<string> losses) => new("loss", losses, (c, v) => c with { Loss = v });

    /// <summary>The C/m axis (C = round(C/m · m) classes per batch, <see cref="BatchComposition.ClassesPerBatch"/>).</summary>
    public static Axis<DmlConfig, double> Ratio(IReadOnlyList<double> ratios) => new("ratio", ratios, (c, v) => c with { Ratio = v });

    /// <summary>The reduced Fashion-MNIST protocol as one dataset setting (classes 0–4 train, 5–9 test).</summary>
    public static AxisSetting FashionMnist { get; } = AxisSetting.Of<DmlConfig>("dataset", "fashion-mnist",
        ["dataset=fashion-mnist", "batchSize=10", "testPerClass=300", "training.steps=1000"],
        c => c with { Dataset = "fashion-mnist", BatchSize = 10, TestPerClass = 300, Training = c.Training with { Steps = 1000 } });

    /// <summary>A dataset setting that changes nothing else.</summary>
    public static AxisSetting Dataset(string dataset) => AxisSetting.Of<DmlConfig>("dataset", dataset, [$"dataset={dataset}"], c => c with { Dataset = dataset });

    /// <inheritdoc />
    public override string Name => "dml";

    /// <inheritdoc />
    public override IReadOnlyList<string> Aliases => ["facility-location"];

    /// <inheritdoc />
    public override string Description => "Facility location vs contrastive, triplet semi-hard, lifted structured and N-pairs at C/m 0.25/0.5/0.75.";

    /// <inheritdoc />
    public override AblationSpec Spec(AblationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var preset = request.Preset switch { PresetLabel.Smoke => DmlPresets.Smoke, PresetLabel.Reduced => DmlPresets.Reduced, _ => DmlPresets.Paper };
        var rows = Grid(Dataset(preset.Dataset), PaperRatios, AblationRow.SeedRange(request.Seeds ?? 3)).ToList();
        if (request.Preset == PresetLabel.Reduced) rows.InsertRange(0, Grid(FashionMnist, [0.5], AblationRow.SeedRange(request.Seeds ?? 2)));
        return NewSpec(request, "Facility-location DML ablation", rows);
    }

    /// <summary>Every loss at every ratio on one dataset (N-pairs at 0.5 only), in table order.</summary>
    public static IEnumerable<AblationRow> Grid(AxisSetting dataset, IReadOnlyList<double> ratios, IReadOnlyList<long> seeds)
    {
        foreach (var loss in Loss(MetricLossCatalog.Names).Settings())
        {
            foreach (var ratio in Ratio(DmlLosses.IsNPair(loss.Value) ? [0.5] : ratios).Settings())
            {
                yield return new AblationRow(DmlLosses.DisplayName(loss.Value), "dml", null, [dataset, loss, ratio], seeds);
            }
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<AblationFile> Render(AblationResult result, AblationReportContext context) => DmlAblationReport.Render(result, context);

    /// <inheritdoc />
    /// <remarks>Notebook 03 inspects facility location at C/m 0.25 on the preset's dataset, seed 0: its test embeddings.</remarks>
    public override IReadOnlyList<InspectedRun> Inspected(IReadOnlyList<AblationCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return cells.Where(c => c.Experiment.Config is DmlConfig d && d.Loss == Losses.MetricLearning.MetricLossCatalog.FacilityLocation && d.ResolvedRatio == 0.25 && c.Seed == 0
                                && d.Dataset == ((DmlConfig)c.Experiment.Method.CreatePreset(c.Experiment.Preset, null)).Dataset)
                    .Select(c => new InspectedRun(c, [TestEmbeddings.FileName])).ToList();
    }

    /// <inheritdoc />
    public override string Summary(AblationResult result) => DmlSummary.Render(result);

}
