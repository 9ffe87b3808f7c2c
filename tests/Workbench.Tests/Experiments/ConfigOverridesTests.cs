using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.LinearProbe;
using Workbench.Tests.Training;
using Workbench.Training.Optimizers;
using Workbench.Training.Schedules;
using Workbench.Training.Validation;

namespace Workbench.Tests.Experiments;

public class ConfigOverridesTests
{
    private static LinearProbeConfig Smoke() => (LinearProbeConfig)new LinearProbeMethod().CreatePreset(PresetLabel.Smoke);

    private static LinearProbeConfig Set(LinearProbeConfig c, params string[] assignments) =>
        ConfigOverrides.Apply(c, assignments.Select(ConfigOverride.Parse));

    [Fact]
    public void NestedPaths_AreCaseInsensitive_AndCopyAlongThePath()
    {
        var before = Smoke();
        var after = Set(before, "Training.Optimizer.LearningRate=3e-4", "training.optimizer.kind=adam", "classes=5", "training.schedule.kind=spq-periodic-cosine");
        Assert.Equal(3e-4, after.Training.Optimizer.LearningRate);
        Assert.Equal(OptimizerKind.Adam, after.Training.Optimizer.Kind);
        Assert.Equal(ScheduleKind.SpqPeriodicCosine, after.Training.Schedule.Kind);
        Assert.Equal(5, after.Classes);
        Assert.Equal(0.1, before.Training.Optimizer.LearningRate); // the preset is untouched
        Assert.Equal(4, before.Classes);
        Assert.Equal(before.Training.Epochs, after.Training.Epochs);
    }

    [Fact]
    public void AUniqueSuffix_IsEnough()
    {
        var c = Set(Smoke(), "epochs=9", "learning_rate=0.5", "milestones=3,7", "gradientClipNorm=1.5", "steps=100");
        Assert.Equal(9, c.Training.Epochs);
        Assert.Equal(0.5, c.Training.Optimizer.LearningRate);
        Assert.Equal([3L, 7L], c.Training.Schedule.Milestones);
        Assert.Equal(1.5, c.Training.GradientClipNorm);
        Assert.Equal(100L, c.Training.Steps);
        var cleared = Set(c, "gradientClipNorm=null", "steps=null");
        Assert.Null(cleared.Training.GradientClipNorm);
        Assert.Null(cleared.Training.Steps);
    }

    [Fact]
    public void UnknownPath_NamesTheFieldAndListsSettings()
    {
        var e = Assert.Throws<ConfigValidationException>(() => Set(Smoke(), "training.optimzer.learningRate=1"));
        var error = Assert.Single(e.Errors);
        Assert.Equal("training.optimzer.learningRate", error.Field);
        Assert.Contains("training.optimizer.learningRate", error.Message);
    }

    [Fact]
    public void AmbiguousSuffix_ListsTheCandidates()
    {
        var e = Assert.Throws<ConfigValidationException>(() => Set(Smoke(), "momentum=0.5", "kind=adam"));
        Assert.Single(e.Errors, x => x.Field == "kind" && x.Message.Contains("training.optimizer.kind") && x.Message.Contains("training.schedule.kind"));
    }

    [Fact]
    public void BadValues_NameTheFieldAndTheExpectedType_AllAtOnce()
    {
        var e = Assert.Throws<ConfigValidationException>(() => Set(Smoke(), "epochs=ten", "training.optimizer.kind=lbfgs", "classes=null", "nesterov=maybe"));
        Assert.Equal(4, e.Errors.Count);
        Assert.Contains(e.Errors, x => x.Field == "training.epochs" && x.Message.Contains("integer"));
        Assert.Contains(e.Errors, x => x.Field == "training.optimizer.kind" && x.Message.Contains("sgd|adam|rmsProp"));
        Assert.Contains(e.Errors, x => x.Field == "classes" && x.Message.Contains("integer"));
        Assert.Contains(e.Errors, x => x.Field == "training.optimizer.nesterov" && x.Message.Contains("true/false"));
        Assert.Contains("training.epochs: 'ten' is not valid; expected integer or null.", e.Message);
    }

    [Fact]
    public void SettingAGroup_IsRejectedWithItsFields()
    {
        var e = Assert.Throws<ConfigValidationException>(() => Set(Smoke(), "training.optimizer=adam"));
        Assert.Contains("training.optimizer.learningRate", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public void MalformedAssignment_SaysHowToWriteIt()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfigOverride.Parse("epochs"));
        Assert.Contains("name=value", e.Message);
    }

    [Fact]
    public void JsonFile_AppliesNestedPartialObjects_ThenSetWins()
    {
        using var dir = new TempDirectory();
        string file = dir.Combine("c.json");
        File.WriteAllText(file, """
            { "classes": 6, "training": { "epochs": 2, "gradientClipNorm": null,
              "optimizer": { "learningRate": 0.02, "kind": "rmsProp" },
              "schedule": { "milestones": [1, 2] } } }
            """);
        var overrides = ConfigOverride.FromJsonFile(file).Concat([ConfigOverride.Parse("epochs=3")]);
        var applied = new List<string>();
        var c = ConfigOverrides.Apply(Smoke(), overrides, applied);
        Assert.Equal(6, c.Classes);
        Assert.Equal(3, c.Training.Epochs);
        Assert.Equal(0.02, c.Training.Optimizer.LearningRate);
        Assert.Equal(OptimizerKind.RmsProp, c.Training.Optimizer.Kind);
        Assert.Equal([1L, 2L], c.Training.Schedule.Milestones);
        Assert.Equal(0.1, Smoke().Training.Optimizer.LearningRate);
        Assert.Contains("training.epochs=3 (--set)", applied);
        Assert.Contains(applied, a => a.StartsWith("classes=6 (", StringComparison.Ordinal) && a.Contains("c.json"));
    }

    [Fact]
    public void JsonFile_WrongTypes_NameTheFieldAndTheFile()
    {
        using var dir = new TempDirectory();
        string file = dir.Combine("bad.json");
        File.WriteAllText(file, """{ "training": { "epochs": "many" }, "nope": 1 }""");
        var e = Assert.Throws<ConfigValidationException>(() => ConfigOverrides.Apply(Smoke(), ConfigOverride.FromJsonFile(file)));
        Assert.Contains(e.Errors, x => x.Field == "training.epochs" && x.Message.Contains("bad.json"));
        Assert.Contains(e.Errors, x => x.Field == "nope");
        File.WriteAllText(file, "[1, 2]");
        Assert.Throws<InvalidDataException>(() => ConfigOverride.FromJsonFile(file));
    }

    [Fact]
    public void Validation_NamesEveryBadField()
    {
        var method = new LinearProbeMethod();
        var c = Set(Smoke(), "epochs=0", "learningRate=-1", "classes=1", "batchSize=1000", "schedule.kind=step", "evaluateEvery=-2", "warmupStartFactor=0");
        var fields = method.Validate(c).Select(e => e.Field).ToHashSet();
        Assert.Equal(
            new HashSet<string> { "training.epochs", "training.optimizer.learningRate", "classes", "batchSize", "training.schedule.milestones", "training.evaluateEvery", "training.schedule.warmupStartFactor" },
            fields);
        Assert.Empty(method.Validate(Smoke()));
    }

    [Fact]
    public void Validation_ChecksVariantsAndCrossFieldRules()
    {
        var method = new LinearProbeMethod();
        Assert.Contains(method.Validate(Set(Smoke(), "variant=Official")), e => e.Field == "variant" && e.Message.Contains("Linear, Mlp"));
        Assert.Contains(method.Validate(Set(Smoke(), "hidden=8")), e => e.Field == "hidden");
        var mlp = (LinearProbeConfig)method.CreatePreset(PresetLabel.Smoke, "mlp");
        Assert.Equal("Mlp", mlp.Variant);
        Assert.Equal(32, mlp.Hidden);
        Assert.Empty(method.Validate(mlp));
        Assert.Contains(method.Validate(Set(Smoke(), "epochs=null")), e => e.Field == "training.epochs" && e.Message.Contains("training.steps"));
        Assert.Contains(method.Validate(Set(Smoke(), "optimizer.kind=adam")), e => e.Field == "training.optimizer.momentum");
        Assert.Throws<ArgumentException>(() => method.CreatePreset(PresetLabel.Smoke, "Official"));
    }

    [Fact]
    public void ValidationException_MessageListsEachFieldOnItsOwnLine()
    {
        var e = new ConfigValidationException("spq (paper)", [new ConfigError("bits", "M*log2(K) must be 16, 32 or 64 (got 24)."), new ConfigError("training.epochs", "must be at least 1.")]);
        Assert.Equal(
            "The configuration of spq (paper) has 2 problems:" + Environment.NewLine +
            "  bits: M*log2(K) must be 16, 32 or 64 (got 24)." + Environment.NewLine +
            "  training.epochs: must be at least 1.", e.Message);
    }

    [Fact]
    public void Leaves_ListEverySettingWithItsPath()
    {
        var paths = ConfigPaths.Leaves(typeof(LinearProbeConfig)).Select(l => l.Path).ToList();
        Assert.Contains("variant", paths);
        Assert.Contains("seed", paths);
        Assert.Contains("training.optimizer.learningRate", paths);
        Assert.Contains("training.schedule.warmup", paths);
        Assert.Contains("batchSize", paths);
        Assert.DoesNotContain("training", paths);
    }

    [Fact]
    public void PresetLabels_ParseCaseInsensitively()
    {
        Assert.Equal(PresetLabel.Reduced, PresetLabels.Parse("Reduced"));
        Assert.Equal("paper", PresetLabel.Paper.Name());
        Assert.Contains("smoke, reduced, paper", Assert.Throws<ArgumentException>(() => PresetLabels.Parse("tiny")).Message);
        Assert.Throws<ArgumentException>(() => PresetLabels.Parse("1"));
    }
}
