using Workbench.Experiments;
using Workbench.Training.Sessions;
using Workbench.Training;
using Workbench.Training.Optimizers;
using Workbench.Training.Schedules;

namespace Workbench.Papers.Pretraining;

/// <summary>
/// <c>pretrain</c>: self-supervised SimCLR pretraining of a paper's encoder on an image pool without its evaluation data
/// (<see cref="PretrainPool"/>), standing in for the ImageNet initialisation the papers start from. The run is an ordinary
/// run (run store, manifest, checkpoints); its <see cref="PretrainSession.EncoderFileName"/> is what
/// <c>--set init=…</c> names. Presets: smoke (built-in synthetic shapes, seconds, widths 8/16/32 as the papers' smoke presets), reduced (three installable sets,
/// 4,000 images each, about 30 min on two cores), paper (all images of the pool sets, 200 epochs).
/// </summary>
public sealed class PretrainMethod : ExperimentMethod<PretrainConfig>
{
    /// <summary>The method name.</summary>
    public const string MethodName = "pretrain";

    /// <inheritdoc/>
    public override string Name => MethodName;

    /// <inheritdoc/>
    public override string Description => "Self-supervised pretraining (SimCLR, NT-Xent) of a paper's encoder on installable images without its evaluation data; later runs start from it with --set init=<run>/encoder.safetensors.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variants { get; } = ["SimCLR"];

    /// <inheritdoc/>
    protected override PretrainConfig Preset(PresetLabel label, string variant)
    {
        var optimizer = new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 1e-3, WeightDecay = 1e-6 };
        var schedule = new ScheduleSettings { Kind = ScheduleKind.Cosine };
        return label switch
        {
            PresetLabel.Smoke => new PretrainConfig
            {
                Pool = ["synthetic"], PerDataset = 128, BatchSize = 32, HealthImages = 64, BackboneChannels = [8, 16, 32],
                Training = new TrainerSettings { Epochs = 1, Optimizer = optimizer, Schedule = schedule, CheckpointEvery = 1 },
            },
            PresetLabel.Reduced => new PretrainConfig
            {
                PerDataset = 4000,
                Training = new TrainerSettings { Epochs = ReducedEpochs, Optimizer = optimizer, Schedule = schedule, EvaluateEvery = 5, CheckpointEvery = 5 },
            },
            _ => new PretrainConfig
            {
                PerDataset = 100_000,
                Training = new TrainerSettings { Epochs = 200, Optimizer = optimizer, Schedule = schedule, EvaluateEvery = 10, CheckpointEvery = 10 },
            },
        };
    }

    /// <summary>Epochs of the reduced preset (chosen for about 30 minutes on two idle cores; see README).</summary>
    public const int ReducedEpochs = 60;

    /// <inheritdoc/>
    protected override TrainingSession BuildSession(PretrainConfig config, SessionContext context) => new PretrainSession(config, context);
}
