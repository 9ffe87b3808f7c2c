using Workbench.Tests.Training;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Tests.Faults;

/// <summary>Concurrent starts and resumes of one run: one process trains it, the other is told who does (issue 16, cases 6 and 7).</summary>
[Trait("Category", FaultRuns.Slow)]
public class ConcurrencyTests
{
    [Fact]
    public void Two_starts_of_one_configuration_train_it_once()
    {
        using var store = new TempDirectory();
        using var a = WorkbenchChild.Start(FaultRuns.LinearProbe(store.Path, 150));
        using var b = WorkbenchChild.Start(FaultRuns.LinearProbe(store.Path, 150));
        int ea = a.WaitForExit(), eb = b.WaitForExit();
        Assert.Contains(0, new[] { ea, eb });
        Assert.All(new[] { (ea, a), (eb, b) }, x =>
        {
            Assert.True(x.Item1 is 0 or 4, x.Item2.Text);
            if (x.Item1 == 4) Assert.Contains("is being trained by another process (pid ", x.Item2.Error);
            FaultRuns.AssertPlain(x.Item2.Text);
        });
        var run = Assert.Single(RunStore.ListIn(store.Path)); // no second folder, no duplicate sample
        Assert.Equal(RunStatus.Finished, run.Manifest.Status);
        Assert.Single(run.Manifest.Segments);
    }

    [Fact]
    public void Two_resumes_of_one_run_never_train_into_its_folder_at_once()
    {
        using var store = new TempDirectory();
        Assert.Equal(3, WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 300, 1, "--time-budget", "1s")).ExitCode);
        string id = Path.GetFileName(FaultRuns.OnlyRun(store.Path));
        string[] resume = ["experiment", "run", "linear-probe", "--resume", id, "--device", "cpu", "--out", store.Path];
        using var a = WorkbenchChild.Start(resume);
        Assert.True(a.WaitUntil(() => RunLock.IsHeld(Path.Combine(store.Path, id))), a.Text);
        var b = WorkbenchChild.Run(resume);
        if (!a.HasExited)
        {
            Assert.Equal(4, b.ExitCode);
            Assert.Contains($"Run {id} is being trained by another process (pid {a.Pid} on ", b.Error);
        }
        Assert.Equal(0, a.WaitForExit());
        var manifest = RunStore.ReadManifest(Path.Combine(store.Path, id));
        Assert.Equal(RunStatus.Finished, manifest.Status);
        Assert.Equal(2, manifest.Segments.Count); // the stop and one resume: the refused one left no segment
    }

    [Fact]
    public void Compare_counts_a_seed_once_after_force()
    {
        using var store = new TempDirectory();
        Assert.Equal(0, WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 2)).ExitCode);
        Assert.Equal(0, WorkbenchChild.Run(FaultRuns.LinearProbe(store.Path, 2, 1, "--force")).ExitCode);
        Assert.Equal(2, RunStore.ListIn(store.Path).Count);
        var compare = WorkbenchChild.Run(["experiment", "compare", "--out", store.Path]);
        Assert.Equal(0, compare.ExitCode);
        Assert.Contains("same setting and seed 0 as the newer", compare.Error);
        Assert.Contains("| linear-probe | Linear | smoke | 1 | 0 |", compare.Output); // n = 1, seeds "0", not n = 2 with sd 0
    }
}
