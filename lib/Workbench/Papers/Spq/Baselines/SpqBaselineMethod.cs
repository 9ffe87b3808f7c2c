using Workbench.Experiments;
using Workbench.Training.Sessions;

namespace Workbench.Papers.Spq.Baselines;

/// <summary>
/// SPQ's classic baselines as a workbench method (<c>workbench experiment run spq-baseline --preset reduced --variant PQ-PCA --set bits=64</c>):
/// fitted, not trained (<see cref="SpqBaselineSession"/>), recorded like any run and reused by configuration hash.
/// </summary>
public sealed class SpqBaselineMethod : ExperimentMethod<SpqBaselineConfig>
{
    /// <summary>The method's command-line name.</summary>
    public const string MethodName = "spq-baseline";

    /// <inheritdoc />
    public override string Name => MethodName;

    /// <inheritdoc />
    public override string Description => "SPQ's classic baselines at the same code length: PQ on pixels, PQ on their PCA, random-hyperplane LSH (fitted, no training).";

    /// <inheritdoc />
    public override IReadOnlyList<string> Variants => SpqBaselineConfig.Variants;

    /// <inheritdoc />
    protected override SpqBaselineConfig Preset(PresetLabel label, string variant) => SpqBaselineConfig.ForPreset(label, variant);

    /// <inheritdoc />
    protected override TrainingSession BuildSession(SpqBaselineConfig config, SessionContext context) => new SpqBaselineSession(config, context);
}
