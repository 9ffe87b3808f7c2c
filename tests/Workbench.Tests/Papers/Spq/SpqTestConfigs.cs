using Workbench.Experiments;
using Workbench.Papers.Spq;
using Workbench.Training;

namespace Workbench.Tests.Papers.Spq;

/// <summary>Tiny SPQ configurations for tests: 120 synthetic 16 px images, a 4/8/16-channel conv net.</summary>
internal static class SpqTestConfigs
{
    public static SpqConfig Tiny(string variant = SpqVariants.Seed, int bits = 16, int epochs = 8) => SpqPresets.Create(PresetLabel.Smoke, variant) with
    {
        Data = new SpqDataSettings { Dataset = "synthetic", SyntheticPerClassPerDomain = 4, ImageSize = 16, QueryFraction = 0.25 },
        BackboneChannels = [4, 8, 16],
        BackboneOutputs = 32,
        Bits = bits,
        BatchSize = 30,
        TopK = 20,
        EvaluationBatchSize = 64,
        Training = SpqPresets.Create(PresetLabel.Smoke, variant).Training with { Epochs = epochs, EvaluateEvery = 0, CheckpointEvery = epochs },
    };
}
