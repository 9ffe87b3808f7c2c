using Workbench.Experiments;
using Workbench.Training;
using Workbench.Training.Optimizers;
using Workbench.Training.Schedules;
using Workbench.Training.Sessions;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// <c>workbench experiment run ucdir --preset smoke|reduced|paper [--variant Official] [--set ablation=CW+SE]</c>:
/// unsupervised cross-domain image retrieval (Hu &amp; Lee, ECCV 2022; papers.md section 1).
/// </summary>
/// <remarks>
/// Presets (the variant changes only <see cref="Experiments.ExperimentConfig.Variant"/>, so both variants train the same network on the same data):
/// <list type="bullet">
/// <item><c>smoke</c>: synthetic shapes, solid ↔ outline, 4 classes × 16 images per domain at 16 px, a quarter held out; a
/// narrow small conv net, 4 epochs — seconds, for CI.</item>
/// <item><c>reduced</c>: emoji-office Noto ↔ Symbola (29 classes, 547 images per domain, 32 px), small conv net (16/32/64) with a
/// 64 → 256 → 128 MoCo head, 20 epochs of 17 steps, Adam 1e-3 with a cosine decay, batch 32 per domain, key momentum 0.99 — about
/// a minute per run on one core of a loaded 2-core machine (the whole 8-row × 2-seed ablation in about 20 minutes).
/// Other pairs: <c>--set domainA=twemoji --set domainB=emojione</c>, or <c>--set data=emoji-7</c> (Noto ↔ Symbola, 7 classes).</item>
/// <item><c>paper</c>: Office-Home Product ↔ Clipart, ResNet-50 + 2048 → 2048 → 128 head, SGD 2e-4 (momentum 0.9, weight decay 1e-4)
/// with a per-epoch cosine, 200 epochs, batch 64, key momentum 0.999, k-means k = 65 (5 restarts, 20 iterations), P@1/5/15
/// (scripts/office-home.sh). MoCo v2 weights: <c>--set pretrainedWeights=moco_v2_800ep.dat</c> (converted, see Models/Weights/README.md).
/// DomainNet-7: <c>--set data=domainnet --set domainA=clipart --set domainB=sketch --set classes=…</c> (the Official objective then takes
/// the DomainNet script's settings) and <c>--set selectionK=50</c>.</item>
/// </list>
/// Reduced-preset deviations from the paper, and why: no ImageNet/MoCo pre-training exists for 32 px emoji, so the encoder
/// trains from scratch; SGD 2e-4 is a fine-tuning rate, so Adam 1e-3 is used; with 8 steps per epoch a 0.999 key momentum would
/// leave the key encoder at its random init, so 0.99; the batch is 32 per domain so that an epoch has 17 steps. The official schedule (CW from 10 % of the run, ramped to 50 %, SE and DD
/// from 50 %) is stretched to the run's length by <see cref="UcdirStageSchedule.Scaled"/>.
/// </remarks>
public sealed class UcdirMethod : ExperimentMethod<UcdirConfig>
{
    /// <inheritdoc />
    public override string Name => "ucdir";

    /// <inheritdoc />
    public override string Description => "UCDIR cross-domain retrieval (Hu & Lee, ECCV 2022): IW / CW / SE / DD over two domains; --set ablation=IW|CW|CW+SE|Full.";

    /// <inheritdoc />
    protected override UcdirConfig Preset(PresetLabel label, string variant) => label switch
    {
        PresetLabel.Smoke => Smoke,
        PresetLabel.Reduced => Reduced,
        _ => Paper,
    };

    /// <inheritdoc />
    public override int CodeVersion => 3;

    /// <inheritdoc />
    protected override IReadOnlyList<Data.Catalog.DatasetUse> DatasetsOf(UcdirConfig config) => [new(config.Data, config.DataPath)];

    /// <inheritdoc />
    protected override TrainingSession BuildSession(UcdirConfig config, SessionContext context) => new UcdirSession(config, context);

    /// <summary>The <c>smoke</c> preset (Seed variant).</summary>
    public static UcdirConfig Smoke { get; } = new()
    {
        Data = "synthetic",
        DomainA = "solid",
        DomainB = "outline",
        SyntheticClasses = 4,
        SyntheticPerClass = 16,
        ImageSize = 16,
        HeldOutFraction = 0.25,
        BackboneChannels = [8, 16, 16],
        HeadHidden = 32,
        EmbeddingDimension = 16,
        BatchSize = 16,
        KeyMomentum = 0.9,
        KMeansRestarts = 2,
        KMeansIterations = 10,
        PrecisionK = [1, 5, 15],
        Training = new TrainerSettings
        {
            Epochs = 4,
            Optimizer = new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 3e-3 },
            CheckpointEvery = 4,
        },
    };

    /// <summary>The <c>reduced</c> preset (Seed variant).</summary>
    public static UcdirConfig Reduced { get; } = new()
    {
        Data = "emoji-office",
        DomainA = "noto",
        DomainB = "symbola",
        ImageSize = 32,
        BackboneChannels = [16, 32, 64],
        HeadHidden = 256,
        EmbeddingDimension = 128,
        BatchSize = 32,
        KeyMomentum = 0.99,
        PrecisionK = [1, 5, 15, 50, 100, 200],
        Training = new TrainerSettings
        {
            Epochs = 20,
            Optimizer = new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 1e-3 },
            Schedule = new ScheduleSettings { Kind = ScheduleKind.Cosine },
            CheckpointEvery = 10,
        },
    };

    /// <summary>The <c>paper</c> preset (Seed variant; <c>--variant Official</c> is the official code's run).</summary>
    public static UcdirConfig Paper { get; } = new()
    {
        Data = "office-home",
        DomainA = "Product",
        DomainB = "Clipart",
        ImageSize = 224,
        Backbone = "resnet50",
        HeadHidden = 2048,
        EmbeddingDimension = 128,
        BatchSize = 64,
        KeyMomentum = 0.999,
        PrecisionK = [1, 5, 15],
        Training = new TrainerSettings
        {
            Epochs = 200,
            Optimizer = new OptimizerSettings { Kind = OptimizerKind.Sgd, LearningRate = 2e-4, Momentum = 0.9, WeightDecay = 1e-4 },
            Schedule = new ScheduleSettings { Kind = ScheduleKind.Cosine },
            CheckpointEvery = 5,
        },
    };
}
