using Workbench.Runtime;
using Workbench.Cli.Slurm;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Records;

namespace Workbench.Tests.Slurm;

public class SlurmAblationSchedulerTests
{
    [Fact]
    public void DryRun_RendersOneArrayIndexPerPlannedTaskWithItsCommandLineAndDataFolders()
    {
        using var dir = new Training.TempDirectory();
        var engine = new AblationRunner(new RunStore(dir.Path));
        var spec = AblationCatalog.Default.Get("spq").Spec(new AblationRequest(PresetLabel.Smoke, 1)).Only("bits", ["16"]).Only("row", ["LSH", "PQ (PCA)"]);
        var scheduler = new SlurmAblationScheduler(SlurmAblationScheduler.NameOf(spec), new SlurmJobOptions { Workbench = ["wb"] }, ["cifar10=/shared/cifar"], dryRun: true);
        var plan = engine.Plan(spec);

        Assert.False(scheduler.Execute(plan, new AblationRunOptions()));

        Assert.Equal("spq-smoke", SlurmAblationScheduler.NameOf(spec));
        Assert.Equal(2, plan.Tasks.Count);
        foreach (var task in plan.Tasks)
        {
            var slurm = scheduler.ToSlurm(task);
            Assert.Equal(task.RunId, slurm.RunId);
            Assert.Equal([.. task.Arguments, "--data", "cifar10=/shared/cifar"], slurm.Arguments);
            Assert.Contains($"  {task.Index}) # {slurm.Label}\n", scheduler.Script);
            Assert.Contains("    args=(" + ShellQuote.Words(slurm.Arguments) + ") ;;\n", scheduler.Script);
        }
        Assert.False(Directory.Exists(SlurmSubmission.Root(dir.Path)), "a dry run writes nothing");
    }

    [Fact]
    public void NothingToDo_SubmitsNothing()
    {
        var scheduler = new SlurmAblationScheduler("x", new SlurmJobOptions { Workbench = ["wb"] }, [], dryRun: false);
        var spec = AblationCatalog.Default.Get("spq").Spec(new AblationRequest(PresetLabel.Smoke, 1));
        Assert.True(scheduler.Execute(new AblationPlan(spec, [], [], "/nowhere"), new AblationRunOptions()));
        Assert.Null(scheduler.Submission);
    }
}
