namespace Workbench.Experiments.Ablation;

/// <summary>An ablation collected from its run records: every row with its finished runs, in table order.</summary>
/// <param name="Spec">The ablation.</param>
/// <param name="Rows">Every row of the spec (rows without a finished run have no runs).</param>
/// <param name="WallSeconds">Wall-clock seconds of the invocation that ran it, or null when it only collected.</param>
public sealed record AblationResult(AblationSpec Spec, IReadOnlyList<AblationRowResult> Rows, double? WallSeconds = null)
{
    /// <summary>Every finished run, row by row.</summary>
    public IReadOnlyList<AblationRun> Runs => Rows.SelectMany(r => r.Runs).ToList();

    /// <summary>Rows that have at least one finished run.</summary>
    public IReadOnlyList<AblationRowResult> WithRuns => Rows.Where(r => r.Runs.Count > 0).ToList();

    /// <summary>Whether every row × seed has a finished run.</summary>
    public bool Complete => Rows.All(r => r.Complete);
}
