using Workbench.Tests.Data;
using Workbench.Tests.Training;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Tests.Faults;

/// <summary>
/// Runs that fail before their first checkpoint can simply be run again, and a diverged run is never sent to
/// <c>--resume</c> (issue 16, case 3): exit codes and messages as a user sees them.
/// </summary>
[Trait("Category", FaultRuns.Slow)]
public class RecoveryTests
{
    [RealDataFact("fashion-mnist")]
    public void Missing_data_records_nothing_and_the_same_command_runs_once_the_data_is_there()
    {
        using var store = new TempDirectory();
        using var empty = new TempDirectory();
        string[] run = ["experiment", "run", "spq", "--preset", "smoke", "--set", "epochs=1", "--set", "dataset=fashion-mnist", "--set", "trainImages=256",
                        "--set", "databaseImages=256", "--set", "queryImages=64", "--device", "cpu", "--out", store.Path];
        var missing = WorkbenchChild.Run(run, new Dictionary<string, string> { ["WORKBENCH_DATA"] = empty.Path });
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error: Dataset 'fashion-mnist' is not installed", missing.Error);
        Assert.Contains("workbench data install fashion-mnist", missing.Error);
        FaultRuns.AssertPlain(missing.Text);
        Assert.Empty(RunStore.ListIn(store.Path)); // nothing half-made to trip over

        var withData = WorkbenchChild.Run([.. run, "--data-root", Workbench.Data.Catalog.DataRoot.Resolve().Path],
            new Dictionary<string, string> { ["WORKBENCH_DATA"] = empty.Path }); // --data-root wins over the environment
        Assert.Equal(0, withData.ExitCode);
        Assert.Equal(RunStatus.Finished, Assert.Single(RunStore.ListIn(store.Path)).Manifest.Status);
    }

    [RealDataFact("emoji-office")]
    public void A_data_dependent_invalid_setting_is_refused_the_same_way_every_time()
    {
        using var store = new TempDirectory();
        string[] run = ["experiment", "run", "ucdir", "--preset", "smoke", "--set", "clusters=100000", "--device", "cpu", "--out", store.Path];
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var refused = WorkbenchChild.Run(run);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("clusters = 100000 exceeds the smaller domain", refused.Error);
            Assert.DoesNotContain("already exists", refused.Text);
            Assert.DoesNotContain("manifest records", refused.Text);
            FaultRuns.AssertPlain(refused.Text);
        }
        Assert.Empty(RunStore.ListIn(store.Path));
    }

    [Fact]
    public void A_diverged_run_is_not_sent_to_resume()
    {
        using var store = new TempDirectory();
        string[] run = FaultRuns.LinearProbe(store.Path, 3, 1, "--set", "learningRate=1e30");
        var diverged = WorkbenchChild.Run(run);
        Assert.Equal(1, diverged.ExitCode);
        Assert.Contains("Diverged. Training diverged:", diverged.Output);
        Assert.Contains("Last finite losses", diverged.Output);
        Assert.DoesNotContain("--resume", diverged.Output);
        string id = Path.GetFileName(FaultRuns.OnlyRun(store.Path));

        foreach (var again in new[] { run, ["experiment", "run", "linear-probe", "--resume", id, "--out", store.Path] })
        {
            var refused = WorkbenchChild.Run(again);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"error: Run {id} diverged", refused.Error);
            Assert.Contains("training.optimizer.learningRate", refused.Error);
            Assert.DoesNotContain("--resume", refused.Error);
            FaultRuns.AssertPlain(refused.Text);
        }
        Assert.Equal(RunStatus.Diverged, RunStore.ReadManifest(Path.Combine(store.Path, id)).Status);
    }
}
