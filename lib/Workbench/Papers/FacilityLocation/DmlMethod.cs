using Workbench.Experiments;
using Workbench.Training.Sessions;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// <c>workbench experiment run dml</c>: deep metric learning via facility location (Song, Jegelka,
/// Rathod, Murphy, CVPR 2017) and its four baselines, one loss per run (<c>--set loss=…</c>), with
/// the paper's class-balanced batches (<c>--set ratio=…</c>), RMSprop, γ decay, and the zero-shot
/// evaluation (k-means NMI, Recall@K) on held-out classes.
/// </summary>
/// <remarks>
/// Presets: <c>smoke</c> (synthetic shapes, seconds), <c>reduced</c> (font glyphs, 31/31 class split,
/// small conv net, about a minute on 2 cores; <c>--set dataset=fashion-mnist</c> for classes 0–4 / 5–9),
/// <c>paper</c> (CUB-200-2011 folders, 256 px with 227 crops, m = 128, ResNet-50 because TorchSharp has
/// no GoogLeNet-BN). Variants: <c>Official</c> = TF-contrib semantics (the authors' code), <c>PML</c> =
/// pytorch-metric-learning conventions for the baselines.
/// </remarks>
public sealed class DmlMethod : ExperimentMethod<DmlConfig>
{
    /// <summary>The TF-contrib variant name.</summary>
    public const string OfficialVariant = "Official";

    /// <summary>The pytorch-metric-learning variant name.</summary>
    public const string PmlVariant = "PML";

    /// <inheritdoc/>
    public override string Name => "dml";

    /// <inheritdoc/>
    public override string Description => "Deep metric learning via facility location (Song et al., CVPR 2017) and four baseline losses; NMI and Recall@K on held-out classes.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variants { get; } = [OfficialVariant, PmlVariant];

    /// <inheritdoc/>
    protected override DmlConfig Preset(PresetLabel label, string variant) => label switch
    {
        PresetLabel.Smoke => DmlPresets.Smoke,
        PresetLabel.Reduced => DmlPresets.Reduced,
        _ => DmlPresets.Paper,
    };

    /// <inheritdoc />
    public override int CodeVersion => 3;

    /// <inheritdoc />
    protected override IReadOnlyList<Data.Catalog.DatasetUse> DatasetsOf(DmlConfig config) => [new(config.Dataset, config.DataPath)];

    /// <inheritdoc/>
    protected override TrainingSession BuildSession(DmlConfig config, SessionContext context) => new DmlSession(config, context);
}
