using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Papers.Ucdir;
using Workbench.Training.Sessions;
using Workbench.Training.Validation;

namespace Workbench.Tests.Papers.Ucdir;

public class UcdirPresetTests
{
    private static readonly UcdirMethod Method = new();

    private static IReadOnlyList<ConfigError> Errors(UcdirConfig config) => Method.Validate(config);

    [Theory]
    [InlineData("smoke", "Seed")]
    [InlineData("smoke", "Official")]
    [InlineData("reduced", "Seed")]
    [InlineData("reduced", "Official")]
    [InlineData("paper", "Seed")]
    [InlineData("paper", "Official")]
    public void EveryPresetValidates(string preset, string variant)
    {
        var config = Method.CreatePreset(PresetLabels.Parse(preset), variant);
        Assert.Equal(variant, config.Variant);
        Assert.Empty(Method.Validate(config));
    }

    [Fact]
    public void BadSettingsAreReportedByField()
    {
        var bad = UcdirMethod.Smoke with
        {
            Ablation = "CW+XX",
            DomainB = "SOLID",
            HeldOutFraction = 1.5,
            KeyMomentum = 2,
            PrecisionK = [1, 1],
            SelectionK = 7,
            RetrievalEncoder = "both",
            Clusters = 1,
        };
        var fields = Errors(bad).Select(e => e.Field).ToHashSet();
        foreach (var f in new[] { "ablation", "domainB", "heldOutFraction", "keyMomentum", "precisionK", "selectionK", "retrievalEncoder", "clusters" })
            Assert.Contains(f, fields);
        var ablation = Errors(bad).Single(e => e.Field == "ablation");
        Assert.Contains("CW+SE", ablation.Message);
    }

    [Fact]
    public void TermSwitchesInsideTheLossOptionsAreRejectedInFavourOfAblation()
    {
        var seed = UcdirMethod.Smoke with { SeedLoss = new UcdirSeedOptions { UseSelfEntropy = false } };
        Assert.Contains(Errors(seed), e => e.Field == "seedLoss" && e.Message.Contains("--set ablation"));
        var official = UcdirMethod.Smoke with { OfficialLoss = UcdirOfficialOptions.OfficeHome.InstanceWiseOnly() };
        Assert.Contains(Errors(official), e => e.Field == "officialLoss");
        var temperature = UcdirMethod.Smoke with { SeedLoss = new UcdirSeedOptions { Temperature = 0 } };
        Assert.Contains(Errors(temperature), e => e.Field == "seedLoss" && e.Message.Contains("temperature"));
    }

    [Fact]
    public void UnknownVariantAndPresetAreClearErrors()
    {
        Assert.Contains(Errors(UcdirMethod.Smoke with { Variant = "Paper" }), e => e.Field == "variant" && e.Message.Contains("Official"));
        var e = Assert.Throws<ArgumentException>(() => Method.CreatePreset(PresetLabel.Smoke, "official-code"));
        Assert.Contains("Seed, Official", e.Message);
    }

    [Fact]
    public void OverridesReachVariantAndAblationAndBothSpellingsAgree()
    {
        var runner = new ExperimentRunner(new ExperimentRegistry().Register(Method), new RunStore(Path.GetTempPath()));
        var viaVariant = runner.Resolve("ucdir", PresetLabel.Reduced, "Official", [ConfigOverride.Parse("ablation=+SE")]);
        var viaSet = runner.Resolve("ucdir", PresetLabel.Reduced, null, [ConfigOverride.Parse("variant=Official"), ConfigOverride.Parse("ablation=+SE")]);
        Assert.Equal(viaVariant.ConfigHash, viaSet.ConfigHash);
        var config = (UcdirConfig)viaSet.Config;
        Assert.Equal("+SE", UcdirAblation.Canonical(config.Variant, config.Ablation));
        Assert.Equal("CW+SE", UcdirAblation.Canonical("Seed", "+SE"));
        var o = config.ResolvedOfficialLoss(config.Training.Epochs!.Value);
        Assert.True(o.UseClusterWise && o.UseSelfEntropy && !o.UseDistanceOfDistance);
        // The code's stages (epochs 20 and 100 of 200) stretched to the run: 10 % and 50 %.
        Assert.Equal(config.Training.Epochs, o.Schedule.TotalEpochs);
        Assert.Equal((int)Math.Round(config.Training.Epochs.Value * 0.1, MidpointRounding.AwayFromZero), o.Schedule.ClusterWiseStartEpoch);
        Assert.Equal(config.Training.Epochs.Value / 2, o.Schedule.SelfEntropyStartEpoch);
        var bad = Assert.Throws<ConfigValidationException>(() => runner.Resolve("ucdir", PresetLabel.Reduced, null, [ConfigOverride.Parse("ablation=DD")]));
        Assert.Contains("ablation", bad.Message);
    }

    [Fact]
    public void AblationRowsSwitchTheTerms()
    {
        Assert.Equal(["IW", "CW", "CW+SE", "CW+SE+DD"], UcdirAblation.SeedRows);
        Assert.Equal(["IW", "+CW", "+SE", "+DD"], UcdirAblation.OfficialRows);
        var iw = UcdirAblation.Apply(new UcdirSeedOptions(), "IW");
        Assert.True(iw.UseInstanceWise && !iw.UseClusterWise && !iw.UseSelfEntropy && !iw.UseDistanceOfDistance);
        var cwse = UcdirAblation.Apply(new UcdirSeedOptions(), "cw + se");
        Assert.True(!cwse.UseInstanceWise && cwse.UseClusterWise && cwse.UseSelfEntropy && !cwse.UseDistanceOfDistance);
        var full = UcdirAblation.Apply(UcdirOfficialOptions.DomainNet, "Full");
        Assert.True(full.UseClusterWise && full.UseSelfEntropy && full.UseDistanceOfDistance);
        Assert.Equal(0.1, full.SelfEntropyTemperature);
        Assert.Null(UcdirAblation.TryLevel("DD"));
        Assert.Throws<ArgumentException>(() => UcdirAblation.Level("SE"));
    }

    [Fact]
    public void DataThatDoesNotFitTheConfigurationFailsBeforeTraining()
    {
        using var streams = new Workbench.Training.Checkpoints.RandomStreams(0);
        var context = new SessionContext(CPU, streams);
        var tooManyClusters = UcdirMethod.Smoke with { Clusters = 100 };
        var e = Assert.Throws<ArgumentException>(() => Method.CreateSession(tooManyClusters, context));
        Assert.Contains("clusters = 100", e.Message);
        var noDomain = UcdirMethod.Smoke with { DomainB = "watercolour" };
        e = Assert.Throws<ArgumentException>(() => Method.CreateSession(noDomain, context));
        Assert.Contains("watercolour", e.Message);
        Assert.Throws<ArgumentException>(() => UcdirPair.Parse("emoji-office:noto"));
        Assert.Equal(new UcdirPair("emoji-7", "noto", "symbola"), UcdirPair.Parse("emoji-7:noto/symbola"));
    }
}
