namespace Workbench.Experiments.Ablation;

/// <summary>What an ablation needs to run: every resolved row × seed, and the tasks (those without a finished record).</summary>
/// <param name="Spec">The ablation.</param>
/// <param name="Cells">Every row × seed, in row then seed order.</param>
/// <param name="Tasks">The runs still to do, in the order they should run (first seeds of every row before extra seeds).</param>
/// <param name="StoreRoot">The runs folder.</param>
public sealed record AblationPlan(AblationSpec Spec, IReadOnlyList<AblationCell> Cells, IReadOnlyList<AblationTask> Tasks, string StoreRoot);
