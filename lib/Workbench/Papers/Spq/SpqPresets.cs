using Workbench.Experiments;
using Workbench.Models.Heads;
using Workbench.Retrieval;
using Workbench.Training;
using Workbench.Training.Optimizers;
using Workbench.Training.Schedules;

namespace Workbench.Papers.Spq;

/// <summary>
/// SPQ's presets (design.md, "Presets are labelled"):
/// <list type="table">
/// <item><term>smoke</term><description>synthetic shapes (480 images, 16 px RGB), a tiny conv net, 3 epochs: seconds, for CI and the notebook's smoke run.</description></item>
/// <item><term>reduced</term><description>Fashion-MNIST: database = the 60,000 train images, queries = the 10,000 test images, mAP@1000; the small conv net trained on a stratified 10,000-image subset for a few epochs (minutes per bit length on 2 CPU cores).</description></item>
/// <item><term>paper</term><description>CIFAR-10 binary batches: database 50,000, queries 10,000, mAP@1000; ResNet-18 (CIFAR stem) from scratch on all 50,000 train images, batch 256, 3,000 epochs (the author: converges at about 3,000), evaluation every 100 epochs (sized for one GPU).</description></item>
/// </list>
/// Variants change the recipe, not the size: <see cref="SpqVariants.Seed"/> (default) uses SimCLR's CIFAR
/// augmentation, Adam 1e-3 without weight decay, a cosine decay over the run and textbook (squared)
/// ADC; <see cref="SpqVariants.Official"/> the official code's kornia pipeline, Adam 3e-4 / wd 1e-5, the
/// periodic cosine schedule (constant for 10 epochs, then period 390) and non-squared ADC.
/// Both use the current official head init (bias + Xavier-uniform; the seed review is silent on it).
/// <see cref="SpqVariants.SpqC"/> and <see cref="SpqVariants.SpqH"/> are the seed variant with the plain
/// contrastive loss or hard quantization.
/// </summary>
public static class SpqPresets
{
    /// <summary>The preset for <paramref name="label"/> and a canonical <paramref name="variant"/> name.</summary>
    /// <exception cref="ArgumentException">Unknown variant.</exception>
    public static SpqConfig Create(PresetLabel label, string variant)
    {
        var size = label switch
        {
            PresetLabel.Smoke => Smoke(),
            PresetLabel.Reduced => Reduced(),
            _ => Paper(),
        };
        var seedRecipe = size with
        {
            Augmentation = SpqAugmentation.SimClrCifar,
            SubDistance = PqSubDistance.Squared,
            Training = size.Training with
            {
                Optimizer = new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 1e-3 },
                // No fixed period: the cosine anneals over the whole run, so --set training.epochs=30 stays a cosine over 30 epochs.
                Schedule = new ScheduleSettings { Kind = ScheduleKind.Cosine },
            },
        };
        return variant switch
        {
            SpqVariants.Seed => seedRecipe,
            SpqVariants.SpqC => seedRecipe with { Loss = SpqLoss.Plain },
            SpqVariants.SpqH => seedRecipe with { Quantization = QuantizationMode.Hard },
            SpqVariants.Official => size with
            {
                Augmentation = SpqAugmentation.Kornia,
                SubDistance = PqSubDistance.Euclidean,
                HeadInit = QuantizationHeadInit.XavierUniformWithBias,
                Training = size.Training with
                {
                    Optimizer = new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 3e-4, WeightDecay = 1e-5 },
                    Schedule = new ScheduleSettings { Kind = ScheduleKind.SpqPeriodicCosine, Hold = 10, Period = 195 },
                },
            },
            _ => throw new ArgumentException($"SPQ has no variant '{variant}'. Use one of: {string.Join(", ", SpqVariants.All)}."),
        };
    }

    private static SpqConfig Smoke() => new()
    {
        Data = new SpqDataSettings { Dataset = "synthetic", SyntheticPerClassPerDomain = 16, QueryFraction = 0.2, ImageSize = 16 },
        Backbone = "smallconv",
        BackboneChannels = [8, 16, 32],
        BackboneOutputs = 64,
        BatchSize = 64,
        TopK = 100,
        EvaluationBatchSize = 256,
        Training = new TrainerSettings { Epochs = 3, EvaluateEvery = 0, CheckpointEvery = 3 },
    };

    private static SpqConfig Reduced() => new()
    {
        Data = new SpqDataSettings { Dataset = "fashion-mnist", TrainImages = 10_000 },
        Backbone = "smallconv",
        BackboneChannels = [16, 32, 64],
        BackboneOutputs = 256,
        BatchSize = 256,
        TopK = 1000,
        MapAllQueries = 2000,
        EvaluationBatchSize = 1000,
        Training = new TrainerSettings { Epochs = 5, EvaluateEvery = 0, CheckpointEvery = 1 },
    };

    private static SpqConfig Paper() => new()
    {
        Data = new SpqDataSettings { Dataset = "cifar10" },
        Backbone = "resnet18-cifar",
        BatchSize = 256,
        TopK = 1000,
        EvaluationBatchSize = 500,
        Training = new TrainerSettings { Epochs = 3000, EvaluateEvery = 100, CheckpointEvery = 10 },
    };
}
