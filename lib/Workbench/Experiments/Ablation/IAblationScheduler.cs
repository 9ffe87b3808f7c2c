namespace Workbench.Experiments.Ablation;

/// <summary>
/// Runs (or submits) the tasks of an <see cref="AblationPlan"/>. The engine plans, the scheduler executes,
/// the engine collects from the run store; so a batch scheduler only has to start each task's
/// <see cref="AblationTask.Arguments"/> somewhere that writes into <see cref="AblationPlan.StoreRoot"/>.
/// </summary>
public interface IAblationScheduler
{
    /// <summary>Runs or submits every task of <paramref name="plan"/>.</summary>
    /// <param name="plan">The plan (its tasks may be empty).</param>
    /// <param name="options">Device, progress, cancellation and log.</param>
    /// <returns>Whether every task has ended when this returns (false for a scheduler that only submits).</returns>
    bool Execute(AblationPlan plan, AblationRunOptions options);
}
