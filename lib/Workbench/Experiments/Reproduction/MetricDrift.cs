namespace Workbench.Experiments.Reproduction;

/// <summary>One metric of one re-trained record: the committed value, the value now and the tolerance it is judged by.</summary>
/// <param name="RunId">The committed record.</param>
/// <param name="Metric">Metric name (a final-epoch value of <c>metrics.json</c>).</param>
/// <param name="Committed">The committed value.</param>
/// <param name="Now">The re-trained value.</param>
/// <param name="Tolerance">Largest accepted |now − committed|: 0 when the run is deterministic here (same identity), else twice the seed spread; NaN when there is no bound (reported, not judged).</param>
/// <param name="Basis">Where the tolerance comes from, e.g. <c>exact (same identity)</c>, <c>2 x sd over 2 seeds</c>.</param>
public sealed record MetricDrift(string RunId, string Metric, double Committed, double Now, double Tolerance, string Basis)
{
    /// <summary>|now − committed|.</summary>
    public double Difference => Math.Abs(Now - Committed);

    /// <summary>True when the difference exceeds the tolerance (never when there is no bound).</summary>
    public bool Drifted => !double.IsNaN(Tolerance) && !(Difference <= Tolerance);
}
