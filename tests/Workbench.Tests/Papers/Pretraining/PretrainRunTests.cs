using Workbench.Experiments;
using Workbench.Metrics.Health;
using Workbench.Models.Weights;
using Workbench.Papers.Pretraining;
using Workbench.Tests.Training;
using Workbench.Training;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Tests.Papers.Pretraining;

/// <summary>The pretrain smoke run end to end, and its encoder as the init of the papers' smoke runs.</summary>
public sealed class PretrainRunTests
{
    [Fact]
    public void Smoke_pretraining_exports_an_encoder_that_spq_and_dml_start_from_with_init()
    {
        using var dir = new TempDirectory();
        var runner = new ExperimentRunner(ExperimentRegistry.Default, new RunStore(dir.Path));
        var pretrain = runner.Resolve(PretrainMethod.MethodName, PresetLabel.Smoke);
        var run = runner.Run(pretrain);
        Assert.Equal(RunStatus.Finished, run.Status);
        string encoder = Path.Combine(run.Directory, PretrainSession.EncoderFileName);
        Assert.Equal(CheckpointFormat.Safetensors, CheckpointFile.Detect(encoder));
        Assert.True(run.Metrics!.Health!.Checked);
        Assert.Contains(HealthMetrics.Prefix + HealthMetrics.EffectiveRank, run.Metrics.Final!.Metrics.Keys);

        foreach (var method in new[] { "spq", "dml" })
        {
            var plain = runner.Resolve(method, PresetLabel.Smoke);
            var started = runner.Resolve(method, PresetLabel.Smoke, overrides: [ConfigOverride.Parse($"init={encoder}")]);
            Assert.NotEqual(plain.ConfigHash, started.ConfigHash);
            var lines = new List<string>();
            var result = runner.Run(started, new RunOptions { Log = lines.Add });
            Assert.Equal(RunStatus.Finished, result.Status);
            Assert.Contains(lines, l => l.StartsWith($"init {encoder}", StringComparison.Ordinal) && l.Contains("missing 0, unexpected 0, shape mismatches 0", StringComparison.Ordinal));
            Assert.True(result.Metrics!.Health!.Checked, method);
        }
    }

    [Fact]
    public void A_pool_that_contains_the_targets_evaluation_data_is_refused()
    {
        var m = new PretrainMethod();
        var config = (PretrainConfig)m.CreatePreset(PresetLabel.Reduced);
        Assert.Equal(["fonts", "fashion-mnist", "mnist-10k"], config.ResolvedPool);
        Assert.Empty(m.Validate(config));
        Assert.Contains(m.Validate(config with { Pool = ["fonts", "emoji-7"] }), e => e.Field == "pool" && e.Message.Contains("evaluation data of ucdir"));
        Assert.Contains(m.Validate(config with { Target = "spq", Pool = ["fashion-mnist"] }), e => e.Field == "pool");
        Assert.Empty(m.Validate(config with { Target = "dml" }));
        Assert.Equal(1, (config with { Target = "dml" }).ResolvedChannels);
        Assert.Contains(m.Validate(config with { Target = "dml", Pool = ["fonts"] }), e => e.Field == "pool");
    }
}
