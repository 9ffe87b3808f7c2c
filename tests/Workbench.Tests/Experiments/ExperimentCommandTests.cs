using Workbench.Experiments.Records;
using Workbench.Tests.Training;
using Workbench.Training.Records;

namespace Workbench.Tests.Experiments;

/// <summary>The <c>workbench experiment</c> commands end to end, through the CLI's own command catalog.</summary>
[Collection(SerialTorchRng.Name)]
public class ExperimentCommandTests : SingleThreadedTorchTest
{
    private static int Invoke(params string[] args) => CliInvocation.Invoke(args);

    [Fact]
    public void RunShowAndErrors_ThroughTheCommandLine()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Invoke("experiment", "run", "linear-probe", "--preset", "smoke", "--set", "epochs=2", "--set", "classes=3", "--device", "cpu", "--out", dir.Path));
        var run = Assert.Single(RunStore.ListIn(dir.Path));
        Assert.Equal(RunStatus.Finished, run.Manifest.Status);
        Assert.Equal(3, run.Manifest.Config.GetProperty("classes").GetInt32());

        Assert.Equal(0, Invoke("experiment", "run", "linear-probe", "--preset", "smoke", "--set", "epochs=2", "--set", "classes=3", "--device", "cpu", "--out", dir.Path));
        Assert.Single(RunStore.ListIn(dir.Path)); // reused

        Assert.Equal(0, Invoke("experiment", "show", run.Manifest.RunId, "--out", dir.Path));
        Assert.Equal(0, Invoke("experiment", "show", "--out", dir.Path));
        Assert.Equal(0, Invoke("experiment", "list"));
        Assert.Equal(0, Invoke("experiment", "list", "linear-probe"));
        Assert.Equal(0, Invoke("experiment", "run", "linear-probe", "--preset", "smoke", "--dry-run", "--out", dir.Path));

        Assert.Equal(2, Invoke("experiment", "run", "linear-probe", "--preset", "smoke", "--set", "epochs=0", "--out", dir.Path));
        Assert.Equal(2, Invoke("experiment", "run", "linear-probe", "--out", dir.Path));
        Assert.Equal(2, Invoke("experiment", "run", "nope", "--preset", "smoke", "--out", dir.Path));
        Assert.Equal(2, Invoke("experiment", "run", "linear-probe", "--resume", run.Manifest.RunId, "--set", "epochs=3", "--out", dir.Path));
        Assert.Equal(2, Invoke("experiment", "show", "missing-run", "--out", dir.Path));
        Assert.Single(RunStore.ListIn(dir.Path));
    }

    [Fact]
    public void Missing_user_data_and_bad_data_pairs_exit_with_2_through_the_command_line()
    {
        using var dir = new TempDirectory();
        using var empty = new TempDirectory();
        try
        {
            Assert.Equal(2, Invoke("experiment", "run", "spq", "--preset", "paper", "--data", $"cifar10={empty.Path}", "--device", "cpu", "--out", dir.Path));
            Assert.Equal(empty.Path, Workbench.Data.Catalog.DatasetLocations.Find("cifar10"));
            Assert.Equal(2, Invoke("experiment", "run", "spq", "--preset", "paper", "--data", "cifar=/x", "--out", dir.Path));
            Assert.Equal(2, Invoke("ablation", "run", "spq", "--preset", "paper", "--data", "cifar10", "--out", dir.Path));
            Assert.Equal(2, Invoke("ablation", "run", "spq", "--preset", "paper", "--data", $"cifar10={empty.Path}", "--device", "cpu", "--out", dir.Path));
        }
        finally
        {
            Workbench.Data.Catalog.DatasetLocations.Remove("cifar10");
        }
    }
}
