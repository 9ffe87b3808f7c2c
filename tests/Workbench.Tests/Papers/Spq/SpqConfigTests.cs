using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Models.Heads;
using Workbench.Papers.Spq;
using Workbench.Retrieval;
using Workbench.Tests.Training;
using Workbench.Training.Schedules;
using Workbench.Training.Validation;

namespace Workbench.Tests.Papers.Spq;

public sealed class SpqConfigTests
{
    private static readonly SpqMethod Method = new();

    [Fact]
    public void EveryPresetAndVariantIsValid()
    {
        foreach (var label in PresetLabels.All)
        {
            foreach (var variant in Method.Variants)
            {
                var config = Method.CreatePreset(label, variant);
                Assert.Empty(Method.Validate(config));
                Assert.Equal(variant, config.Variant);
            }
        }
    }

    [Theory]
    [InlineData(16, 4)]
    [InlineData(32, 8)]
    [InlineData(64, 16)]
    public void BitsGiveTheCodebookCount(int bits, int books)
    {
        var config = (SpqConfig)Method.CreatePreset(PresetLabel.Reduced) with { Bits = bits };
        Assert.Equal(books, config.Codebooks);
        var head = config.HeadOptions(256);
        Assert.Equal(books, head.Codebooks);
        Assert.Equal(bits, head.Bits);
        Assert.Equal(books * 16, head.DescriptorDimension);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(8)]
    [InlineData(128)]
    [InlineData(0)]
    public void BitsOutsideTheAblationAreRejected(int bits)
    {
        var config = (SpqConfig)Method.CreatePreset(PresetLabel.Smoke) with { Bits = bits };
        var error = Assert.Single(Method.Validate(config));
        Assert.Equal("bits", error.Field);
        Assert.Contains("16, 32 or 64", error.Message);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(1)]
    [InlineData(512)]
    public void CodewordsMustBeAPowerOfTwoThatFitsAByte(int codewords)
    {
        var config = (SpqConfig)Method.CreatePreset(PresetLabel.Smoke) with { Codewords = codewords };
        Assert.Contains(Method.Validate(config), e => e.Field == "codewords" && e.Message.Contains("power of two"));
    }

    [Fact]
    public void BitsMustSplitIntoWholeCodes()
    {
        // K = 256 (8 bits per code) cannot make 16, 32, 64 ... it can; K = 32 (5 bits) cannot make 32.
        var config = (SpqConfig)Method.CreatePreset(PresetLabel.Smoke) with { Codewords = 32, Bits = 32 };
        Assert.Contains(Method.Validate(config), e => e.Field == "bits" && e.Message.Contains("log2(K) = 5"));
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var config = (SpqConfig)Method.CreatePreset(PresetLabel.Smoke) with
        {
            Bits = 20,
            QuantizationTemperature = 0,
            ContrastiveTemperature = -1,
            BatchSize = 1,
            Backbone = "vgg",
            TopK = 0,
            Data = new SpqDataSettings { Dataset = "imagenet", QueryFraction = 1.5 },
        };
        var fields = Method.Validate(config).Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "bits", "quantizationTemperature", "contrastiveTemperature", "batchSize", "backbone", "topK", "data.dataset", "data.queryFraction" }, fields);
    }

    [Fact]
    public void TrainingImagesMustHoldABatch()
    {
        var config = (SpqConfig)Method.CreatePreset(PresetLabel.Reduced) with { Data = new SpqDataSettings { TrainImages = 100 } };
        Assert.Contains(Method.Validate(config), e => e.Field == "data.trainImages" && e.Message.Contains("256"));
    }

    [Fact]
    public void OfficialVariantFollowsTheOfficialCode()
    {
        var official = (SpqConfig)Method.CreatePreset(PresetLabel.Paper, "official");
        Assert.Equal(SpqVariants.Official, official.Variant);
        Assert.Equal(SpqAugmentation.Kornia, official.Augmentation);
        Assert.Equal(PqSubDistance.Euclidean, official.SubDistance);
        Assert.Equal(QuantizationHeadInit.XavierUniformWithBias, official.HeadInit);
        Assert.Equal(3e-4, official.Training.Optimizer.LearningRate);
        Assert.Equal(1e-5, official.Training.Optimizer.WeightDecay);
        Assert.Equal(ScheduleKind.SpqPeriodicCosine, official.Training.Schedule.Kind);
        var schedule = SpqPeriodicCosineSchedule.From(official.Training.Schedule);
        Assert.Equal(1.0, schedule.Factor(10));
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI / 195)), schedule.Factor(11), 12);
        Assert.Equal(1.0, schedule.Factor(10 + 2 * 195), 12);
        Assert.Equal(0.2, official.QuantizationTemperature);
        Assert.Equal(0.5, official.ContrastiveTemperature);
        Assert.Equal(256, official.BatchSize);
        Assert.Equal("resnet18-cifar", official.Backbone);
        Assert.Equal("cifar10", official.Data.Dataset);
        Assert.Null(official.Data.TrainImages);
    }

    [Fact]
    public void AblationVariantsChangeOneThing()
    {
        var seed = (SpqConfig)Method.CreatePreset(PresetLabel.Reduced);
        var plain = (SpqConfig)Method.CreatePreset(PresetLabel.Reduced, SpqVariants.SpqC);
        var hard = (SpqConfig)Method.CreatePreset(PresetLabel.Reduced, SpqVariants.SpqH);
        Assert.Equal(SpqVariants.Seed, seed.Variant);
        Assert.Equal(PqSubDistance.Squared, seed.SubDistance);
        Assert.Equal(Json(seed with { Variant = plain.Variant, Loss = SpqLoss.Plain }), Json(plain));
        Assert.Equal(Json(seed with { Variant = hard.Variant, Quantization = QuantizationMode.Hard }), Json(hard));
        Assert.NotEqual(Json(seed), Json(plain));
    }

    [Fact]
    public void OverridesReachTheConfigurationByTheirShortName()
    {
        using var dir = new TempDirectory();
        var runner = new ExperimentRunner(ExperimentRegistry.Default, new RunStore(dir.Path));
        var resolved = runner.Resolve("spq", PresetLabel.Reduced, null, [ConfigOverride.Parse("bits=64"), ConfigOverride.Parse("trainImages=20000")]);
        var config = Assert.IsType<SpqConfig>(resolved.Config);
        Assert.Equal(64, config.Bits);
        Assert.Equal(16, config.Codebooks);
        Assert.Equal(20000, config.Data.TrainImages);
        var bad = Assert.Throws<ConfigValidationException>(() => runner.Resolve("spq", PresetLabel.Reduced, null, [ConfigOverride.Parse("bits=48")]));
        Assert.Contains(bad.Errors, e => e.Field == "bits");
    }

    [Fact]
    public void MoreEpochsStretchTheSeedCosineAndAPeriodShorterThanTheRunIsRefused()
    {
        using var dir = new TempDirectory();
        var runner = new ExperimentRunner(ExperimentRegistry.Default, new RunStore(dir.Path));
        var config = Assert.IsType<SpqConfig>(runner.Resolve("spq", PresetLabel.Reduced, null, [ConfigOverride.Parse("training.epochs=30")]).Config);
        var schedule = config.Training.Schedule.Build(30);
        Assert.Equal(0.5, schedule.Factor(15), 12);
        Assert.True(schedule.Factor(29) > 0);
        var bad = Assert.Throws<ConfigValidationException>(() => runner.Resolve("spq", PresetLabel.Reduced, null,
            [ConfigOverride.Parse("training.epochs=30"), ConfigOverride.Parse("schedule.period=5")]));
        var error = Assert.Single(bad.Errors, e => e.Field == "training.schedule.period");
        Assert.Contains("at least 30", error.Message);
    }

    private static string Json(SpqConfig config) => ConfigHash.Canonical(ConfigHash.ToJson(config));

    [Fact]
    public void UnknownVariantNamesTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Method.CreatePreset(PresetLabel.Smoke, "SPQ-Q"));
        Assert.Contains("SPQ-C", e.Message);
    }
}
