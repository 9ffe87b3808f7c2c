using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Papers.FacilityLocation;
using Workbench.Training.Records;
using Workbench.Training.Validation;

namespace Workbench.Tests.Papers.FacilityLocation;

public sealed class DmlMethodTests
{
    private static readonly IExperimentMethod Method = ExperimentRegistry.Default.Get("dml");

    [Fact]
    public void TheRegistryFindsTheMethodWithItsVariants()
    {
        Assert.IsType<DmlMethod>(Method);
        Assert.Equal(["Official", "PML"], Method.Variants);
    }

    [Theory]
    [InlineData(PresetLabel.Smoke)]
    [InlineData(PresetLabel.Reduced)]
    [InlineData(PresetLabel.Paper)]
    public void EveryPresetIsValid(PresetLabel label)
    {
        var config = (DmlConfig)Method.CreatePreset(label);
        Assert.Empty(Method.Validate(config));
        Assert.Equal(global::Workbench.Training.Optimizers.OptimizerKind.RmsProp, config.Training.Optimizer.Kind);
        Assert.Equal(64, config.EmbeddingDimension);
    }

    [Theory]
    [InlineData("triplet-semihard", true, 0.25)]
    [InlineData("contrastive", true, 0.25)]
    [InlineData("facility-location", true, 0.25)]
    [InlineData("lifted-structured", false, 0.25)]
    [InlineData("npair-mc", false, 0.5)]
    public void NormalisationAndDefaultRatioFollowTheReferenceCode(string loss, bool normalised, double ratio)
    {
        var config = DmlPresets.Reduced with { Loss = loss };
        Assert.Equal(normalised, config.ResolvedNormalize);
        Assert.Equal(ratio, config.ResolvedRatio);
        Assert.Empty(Method.Validate(config));
    }

    [Fact]
    public void SopDefaultsToTheSopProtocol()
    {
        var config = DmlPresets.Paper with { Dataset = "sop" };
        Assert.Equal([1, 10, 100], config.ResolvedRecallKs);
        Assert.Equal(0.75, config.ResolvedRatio);
    }

    [Theory]
    [InlineData("ratio", "1", "ratio")]
    [InlineData("ratio", "0.99", "ratio")]
    [InlineData("loss", "center-loss", "loss")]
    [InlineData("augmentation", "mixup", "augmentation")]
    [InlineData("testPerClass", "1", "testPerClass")]
    public void BadSettingsNameTheirField(string path, string value, string field)
    {
        var config = ConfigOverrides.Apply(Method.CreatePreset(PresetLabel.Reduced), [ConfigOverride.Parse($"{path}={value}")], new ConfigErrors(), []);
        var errors = Method.Validate(config);
        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void NPairsAtAQuarterIsRejected()
    {
        var config = DmlPresets.Reduced with { Loss = "npair-mc", Ratio = 0.25 };
        var error = Assert.Single(Method.Validate(config));
        Assert.Equal("ratio", error.Field);
        Assert.Contains("exactly two images per class", error.Message);
    }

    [Fact]
    public void OverlappingClassListsAreRejected()
    {
        var config = DmlPresets.Smoke with { TrainClasses = [0, 1, 2, 3], TestClasses = [3, 4, 5] };
        Assert.Contains(Method.Validate(config), e => e.Field == "testClasses");
    }

    [Fact]
    public void TheAblationGridHasThirteenCellsWithNPairsOnce()
    {
        var spec = new DmlAblationPaper().Spec(new AblationRequest(PresetLabel.Reduced));
        var fonts = spec.Only("dataset", ["fonts"]).Rows;
        Assert.Equal(13, fonts.Count);
        Assert.All(fonts, r => Assert.Equal([0L, 1L, 2L], r.Seeds));
        Assert.Equal(["0.5"], fonts.Where(r => DmlLosses.IsNPair(r.ValueOf("loss")!)).Select(r => r.ValueOf("ratio")));
        var fashion = spec.Only("dataset", ["fashion-mnist"]).Rows;
        Assert.Equal(5, fashion.Count);
        Assert.All(fashion, r => Assert.Equal("0.5", r.ValueOf("ratio")));
        var cells = new AblationRunner(new RunStore(Path.GetTempPath())).Resolve(spec); // every row validates
        Assert.Equal(13 * 3 + 5 * 2, cells.Count);
        Assert.All(cells.Where(c => c.Row.ValueOf("dataset") == "fashion-mnist"), c => Assert.Equal(10, ((DmlConfig)c.Experiment.Config).BatchSize));
    }
}
