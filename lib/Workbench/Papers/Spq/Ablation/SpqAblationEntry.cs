namespace Workbench.Papers.Spq.Ablation;

/// <summary>An ablation row with the finished runs found for it (fewer than its seeds when some have not run).</summary>
/// <param name="Item">What the row is.</param>
/// <param name="Runs">Finished runs, in seed order.</param>
public sealed record SpqAblationEntry(SpqAblationItem Item, IReadOnlyList<SpqAblationRun> Runs)
{
    /// <summary>Whether every planned seed has a finished run.</summary>
    public bool Complete => Runs.Count == Item.Seeds.Count;
}
