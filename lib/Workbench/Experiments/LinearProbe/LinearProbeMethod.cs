using Workbench.Training.Optimizers;
using Workbench.Training.Schedules;
using Workbench.Training.Sessions;
using Workbench.Training.Validation;

namespace Workbench.Experiments.LinearProbe;

/// <summary>
/// <c>linear-probe</c>: the workbench's built-in method, a classifier on seeded Gaussian blobs. It
/// exercises the trainer, run records, resume, reuse and the CLI without any dataset. Variants:
/// <c>Linear</c> (a linear classifier, default) and <c>Mlp</c> (one hidden ReLU layer of 32).
/// </summary>
public sealed class LinearProbeMethod : ExperimentMethod<LinearProbeConfig>
{
    /// <inheritdoc />
    public override string Name => "linear-probe";

    /// <inheritdoc />
    public override string Description => "Built-in check: a linear (or 1-hidden-layer) classifier on seeded Gaussian blobs; test accuracy.";

    /// <inheritdoc />
    public override IReadOnlyList<string> Variants { get; } = ["Linear", "Mlp"];

    /// <inheritdoc />
    protected override LinearProbeConfig Preset(PresetLabel label, string variant)
    {
        var training = new Training.TrainerSettings
        {
            Epochs = label switch { PresetLabel.Smoke => 5, PresetLabel.Reduced => 20, _ => 50 },
            Optimizer = new OptimizerSettings { Kind = OptimizerKind.Sgd, LearningRate = 0.1, Momentum = 0.9, WeightDecay = 1e-4 },
            Schedule = new ScheduleSettings { Kind = ScheduleKind.Cosine },
            EvaluateEvery = 1,
        };
        var config = label switch
        {
            PresetLabel.Smoke => new LinearProbeConfig { Dimensions = 16, Classes = 4, TrainPerClass = 64, TestPerClass = 32, BatchSize = 32 },
            PresetLabel.Reduced => new LinearProbeConfig { Dimensions = 16, Classes = 8, TrainPerClass = 512, TestPerClass = 128, BatchSize = 64 },
            _ => new LinearProbeConfig { Dimensions = 64, Classes = 16, TrainPerClass = 4096, TestPerClass = 512, BatchSize = 256 },
        };
        return config with { Training = training, Hidden = variant == "Mlp" ? 32 : 0 };
    }

    /// <inheritdoc />
    protected override void ValidateConfig(LinearProbeConfig config, ConfigErrors errors)
    {
        if (config.Variant == "Mlp") errors.Require(config.Hidden > 0, "hidden", "the Mlp variant needs hidden > 0.");
        if (config.Variant == "Linear") errors.Require(config.Hidden == 0, "hidden", "the Linear variant has no hidden layer; set hidden=0 or choose --variant Mlp.");
    }

    /// <inheritdoc />
    protected override TrainingSession BuildSession(LinearProbeConfig config, SessionContext context) => new LinearProbeSession(config, context);
}
