using Workbench.Experiments;
using Workbench.Training.Sessions;

namespace Workbench.Papers.Spq;

/// <summary>
/// SPQ as a workbench method (<c>workbench experiment run spq --preset reduced [--variant Official] [--set bits=64]</c>):
/// Jang &amp; Cho, "Self-supervised Product Quantization for Deep Unsupervised Image Retrieval", ICCV 2021
/// (papers.md section 2). Model = backbone + <see cref="Models.Heads.SoftQuantizationHead"/>; each step
/// trains on two augmented views with the cross-quantized contrastive loss; evaluation encodes the
/// database with the learned codebooks into a <see cref="Retrieval.PqIndex"/> and ranks the raw query
/// descriptors by asymmetric distance (mAP@K, mAP@all, per-query rows). Presets: <see cref="SpqPresets"/>.
/// </summary>
public sealed class SpqMethod : ExperimentMethod<SpqConfig>
{
    /// <summary>The method's command-line name.</summary>
    public const string MethodName = "spq";

    /// <inheritdoc />
    public override string Name => MethodName;

    /// <inheritdoc />
    public override string Description => "Self-supervised product quantization (Jang & Cho, ICCV 2021): cross-quantized contrastive learning of PQ codebooks.";

    /// <inheritdoc />
    public override IReadOnlyList<string> Variants => SpqVariants.All;

    /// <inheritdoc />
    protected override SpqConfig Preset(PresetLabel label, string variant) => SpqPresets.Create(label, variant);

    /// <inheritdoc />
    public override int CodeVersion => 3;

    /// <inheritdoc />
    protected override IReadOnlyList<Data.Catalog.DatasetUse> DatasetsOf(SpqConfig config) => [new(config.Data.Dataset, config.Data.Path)];

    /// <inheritdoc />
    protected override TrainingSession BuildSession(SpqConfig config, SessionContext context) => new SpqSession(config, context);
}
