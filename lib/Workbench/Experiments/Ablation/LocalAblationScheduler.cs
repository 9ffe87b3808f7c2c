using System.Diagnostics;
using Workbench.Data.Catalog;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Training;
using Workbench.Training.Records;
using Workbench.Training.Validation;

namespace Workbench.Experiments.Ablation;

/// <summary>
/// The default scheduler: runs the tasks one after another in this process through the <see cref="ExperimentRunner"/>,
/// reporting runs done / total, the current run and the estimated time left. A run that fails is recorded as failed
/// and the next one starts; bad input (an invalid configuration, missing data) stops the ablation at once, since every
/// later run would fail the same way; cancellation stops before the next run.
/// </summary>
/// <param name="runner">The runner (and run store) of the plan.</param>
public sealed class LocalAblationScheduler(ExperimentRunner runner) : IAblationScheduler
{
    /// <inheritdoc />
    public bool Execute(AblationPlan plan, AblationRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var log = options.Log ?? (_ => { });
        var clock = Stopwatch.StartNew();
        int done = 0, total = plan.Tasks.Count;
        TimeSpan? Remaining() => done == 0 ? null : clock.Elapsed / done * (total - done);
        foreach (var task in plan.Tasks)
        {
            if (options.Cancellation.IsCancellationRequested) return false;
            options.Progress?.Report(new AblationProgress(done, total, task, clock.Elapsed, Remaining()));
            log($"[{done + 1}/{total}] {task.Cell.Row.Key}, seed {task.Cell.Seed}");
            var runProgress = options.Progress is { } p ? new RunProgress(p, () => new AblationProgress(done, total, task, clock.Elapsed, Remaining())) : null;
            try
            {
                var result = runner.Run(task.Cell.Experiment, new RunOptions
                {
                    Device = options.Device,
                    Force = task.Force,
                    Cancellation = options.Cancellation,
                    Log = options.Log,
                    Progress = runProgress,
                });
                log($"    {result.RunId}: {result.Status}{(result.Reused ? " (reused)" : "")}");
                if (result.Status is RunStatus.Cancelled or RunStatus.TimeBudgetExhausted) return false;
            }
            catch (Exception e) when (e is not (OperationCanceledException or ConfigValidationException or DatasetNotInstalledException))
            {
                log($"    failed: {e.GetType().Name}: {e.Message} (recorded; the next run starts)");
            }
            done++;
        }
        options.Progress?.Report(new AblationProgress(done, total, null, clock.Elapsed, TimeSpan.Zero));
        return true;
    }

    private sealed class RunProgress(IProgress<AblationProgress> target, Func<AblationProgress> current) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => target.Report(current() with { Run = value });
    }
}
