namespace Workbench.Metrics;

/// <summary>
/// One retrieval metric: its name (e.g. <c>mAP@1000</c>), the aggregate value as a fraction in
/// [0, 1] (reports multiply by 100 where the papers do), and the per-query values behind it, indexed
/// like the queries of the <see cref="Retrieval.RankingResult"/> (for failure views and per-query.csv).
/// </summary>
/// <param name="Name">Display name including the cut-off.</param>
/// <param name="Value">Aggregate over queries.</param>
/// <param name="PerQuery">One value per query.</param>
public sealed record MetricValue(string Name, double Value, double[] PerQuery)
{
    /// <summary>Name and value, e.g. <c>mAP@1000 = 0.7931</c>.</summary>
    public override string ToString() => $"{Name} = {Value:F4}";
}
