using System.Globalization;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Losses.MetricLearning;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The ablation of papers.md 3.4: every loss at every C/m ratio, several seeds each. N-pairs needs
/// exactly two images per class, so it has one cell (C/m = 0.5); on Fashion-MNIST, whose split has
/// only five training classes, every loss runs at C/m = 0.5 with m = 10 (all five classes, two images
/// each), since C cannot exceed five.
/// </summary>
/// <param name="Dataset">Catalog name (<c>fonts</c> or <c>fashion-mnist</c> for the reduced preset; any dml dataset otherwise).</param>
/// <param name="Preset">Preset the cells start from.</param>
/// <param name="Losses">Losses, in table order.</param>
/// <param name="Ratios">C/m values.</param>
/// <param name="Extra">Overrides applied to every cell before the loss and ratio (dataset, batch size, steps).</param>
public sealed record DmlAblationPlan(string Dataset, PresetLabel Preset, IReadOnlyList<string> Losses, IReadOnlyList<double> Ratios, IReadOnlyList<string> Extra)
{
    /// <summary>The paper's C/m values.</summary>
    public static IReadOnlyList<double> PaperRatios { get; } = [0.25, 0.5, 0.75];

    /// <summary>The default plan for a dataset and preset: the preset's own dataset (null) or the named one over the three ratios, or the Fashion-MNIST variant.</summary>
    public static DmlAblationPlan For(string? dataset, PresetLabel preset)
    {
        if (string.IsNullOrWhiteSpace(dataset))
        {
            string own = preset switch { PresetLabel.Smoke => DmlPresets.Smoke.Dataset, PresetLabel.Reduced => DmlPresets.Reduced.Dataset, _ => DmlPresets.Paper.Dataset };
            return new DmlAblationPlan(own, preset, MetricLossCatalog.Names, PaperRatios, []);
        }
        string d = dataset.Trim().ToLowerInvariant();
        if (d == "fashion-mnist")
        {
            return new DmlAblationPlan(d, preset, MetricLossCatalog.Names, [0.5],
                ["dataset=fashion-mnist", "batchSize=10", "testPerClass=300", "training.steps=1000"]);
        }
        return new DmlAblationPlan(d, preset, MetricLossCatalog.Names, PaperRatios, [$"dataset={d}"]);
    }

    /// <summary>The cells to run, in table order; N-pairs appears once, at C/m = 0.5.</summary>
    public IReadOnlyList<(string Loss, double Ratio)> Cells()
    {
        var cells = new List<(string, double)>();
        foreach (string loss in Losses)
        {
            if (DmlLosses.IsNPair(loss))
            {
                cells.Add((loss, 0.5));
                continue;
            }
            foreach (double r in Ratios) cells.Add((loss, r));
        }
        return cells.Distinct().ToList();
    }

    /// <summary>The overrides of one cell: <see cref="Extra"/>, then the loss and the ratio.</summary>
    public IReadOnlyList<ConfigOverride> Overrides(string loss, double ratio) =>
        Extra.Append($"loss={loss}").Append($"ratio={ratio.ToString(CultureInfo.InvariantCulture)}")
             .Select(ConfigOverride.Parse).ToList();
}
