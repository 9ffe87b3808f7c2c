using Workbench.Losses.MetricLearning;
using Workbench.Training;
using Workbench.Training.Optimizers;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The three preset sizes of the <c>dml</c> method. Settings the paper does not give (learning rate,
/// γ₀, the γ decay interval, the number of steps) are workbench choices and say so.
/// </summary>
public static class DmlPresets
{
    /// <summary>RMSprop as in the paper (torch.optim semantics; TF1 puts ε inside the root).</summary>
    public static OptimizerSettings RmsProp(double learningRate) => new() { Kind = OptimizerKind.RmsProp, LearningRate = learningRate, Alpha = 0.9, Eps = 1e-8 };

    /// <summary>
    /// Seconds, for CI: synthetic shapes (classes 0–5 train, 6–9 test, 16 images per class and style),
    /// 32 px, a width-8 conv net, m = 8, 30 steps, one evaluation at the end.
    /// </summary>
    public static DmlConfig Smoke => new()
    {
        Variant = DmlMethod.OfficialVariant,
        Dataset = "synthetic",
        SyntheticPerClassPerDomain = 16,
        Width = 8,
        BatchSize = 8,
        Loss = MetricLossCatalog.FacilityLocation,
        GammaDecaySteps = 10,
        KMeansSeeds = 2,
        Training = new TrainerSettings { Epochs = null, Steps = 30, EvaluateEvery = 0, CheckpointEvery = 1000, Optimizer = RmsProp(1e-3) },
    };

    /// <summary>
    /// Minutes on 2 CPU cores: font glyphs (A–Z, 0–4 train; a–z, 5–9 test, 700 faces each), 28 px grey,
    /// a width-16 conv net from scratch, m = 40 (C/m 0.25/0.5/0.75 → 10/20/30 of the 31 training
    /// classes), 600 RMSprop steps (lr 1e-3), γ₀ = 1 decayed by 0.94 every 100 steps, evaluation on
    /// 100 images per test class (3,100 queries), k-means with 3 seeds.
    /// </summary>
    public static DmlConfig Reduced => new()
    {
        Variant = DmlMethod.OfficialVariant,
        Dataset = "fonts",
        ImageSize = 28,
        TestPerClass = 100,
        Width = 16,
        BatchSize = 40,
        Loss = MetricLossCatalog.FacilityLocation,
        GammaDecaySteps = 100,
        KMeansSeeds = 3,
        Training = new TrainerSettings { Epochs = null, Steps = 600, EvaluateEvery = 0, CheckpointEvery = 1000, Optimizer = RmsProp(1e-3) },
    };

    /// <summary>
    /// The paper's protocol on one GPU: CUB-200-2011 folders (classes 1–100 / 101–200; set
    /// <c>dataset=cars196</c> or <c>sop</c>), 256 px, random 227 crop + flip for training and the centre
    /// crop for testing, ResNet-50 (the paper's GoogLeNet-BN is not available in TorchSharp; pass
    /// converted ImageNet weights with <c>pretrainedWeights</c>), d = 64, m = 128, C/m = 0.25, RMSprop.
    /// The learning rate (1e-5), γ₀ = 1 and the decay interval (0.94 every 1 000 steps) were not
    /// recovered from the paper.
    /// </summary>
    public static DmlConfig Paper => new()
    {
        Variant = DmlMethod.OfficialVariant,
        Dataset = "cub200",
        ImageSize = 256,
        CropSize = 227,
        Augmentation = "crop-flip",
        Backbone = "resnet50",
        BatchSize = 128,
        Loss = MetricLossCatalog.FacilityLocation,
        GammaDecaySteps = 1000,
        KMeansSeeds = 3,
        EvalBatchSize = 128,
        Training = new TrainerSettings { Epochs = null, Steps = 20_000, EvaluateEvery = 20, CheckpointEvery = 5, Optimizer = RmsProp(1e-5) },
    };
}
