using Workbench.Experiments;
using Workbench.Tests.Data;
using Workbench.Tests.Training;
using Workbench.Training;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Tests.Faults;

/// <summary>
/// A learning rate of 1e30 in every method and variant (UCDIR Seed's Sinkhorn matching included): the run stops as
/// Diverged through the trainer, with the step, the values and the checkpoint kept, and is not retried (issue 16, case 2).
/// </summary>
[Collection(SerialTorchRng.Name)]
[Trait("Category", FaultRuns.Slow)]
public class DivergenceTests : SingleThreadedTorchTest
{
    [Theory]
    [InlineData("Linear")]
    [InlineData("Mlp")]
    public void LinearProbe(string variant) => AssertDiverges("linear-probe", variant);

    [RealDataFact("fashion-mnist")]
    public void Spq_every_variant()
    {
        foreach (var v in Workbench.Papers.Spq.SpqVariants.All) AssertDiverges("spq", v);
    }

    [RealDataFact("emoji-office")]
    public void Ucdir_every_variant_with_every_term() // Seed runs IW+CW+SE+DD, so its Sinkhorn matching sees the NaN
    {
        AssertDiverges("ucdir", "Seed");
        AssertDiverges("ucdir", "Official");
    }

    [RealDataFact("fonts")]
    public void Dml_every_variant()
    {
        AssertDiverges("dml", "Official");
        AssertDiverges("dml", "PML");
    }

    private static void AssertDiverges(string method, string variant)
    {
        using var store = new TempDirectory();
        var runner = new ExperimentRunner(ExperimentRegistry.Default, new RunStore(store.Path));
        var experiment = runner.Resolve(method, PresetLabel.Smoke, variant, [ConfigOverride.Parse("learningRate=1e30")]);
        var result = runner.Run(experiment, new RunOptions { Device = "cpu" });
        Assert.True(result.Status == RunStatus.Diverged, $"{method} {variant}: {result.Status} {result.Message}");
        var m = RunStore.ReadManifest(result.Directory);
        Assert.Equal(RunStatus.Diverged, m.Status);
        Assert.NotNull(m.Divergence);
        Assert.Equal(0, m.Divergence!.CheckpointEpoch is null ? 1 : 0); // the start checkpoint at least is kept
        Assert.StartsWith("Training diverged: ", m.Message);
        var again = Assert.Throws<InvalidOperationException>(() => runner.Run(experiment, new RunOptions { Device = "cpu" }));
        Assert.Contains("diverges the same way", again.Message);
    }
}
