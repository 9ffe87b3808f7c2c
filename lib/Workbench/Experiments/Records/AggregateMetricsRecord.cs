namespace Workbench.Experiments.Records;

/// <summary><c>metrics.json</c> of a multi-seed aggregate: mean and sample sd per metric, for the final and the best-epoch evaluations.</summary>
public sealed record AggregateMetricsRecord
{
    /// <summary>Format version.</summary>
    public int Schema { get; init; } = 1;

    /// <summary>Method name.</summary>
    public string Method { get; init; } = "";

    /// <summary>Preset label.</summary>
    public string Preset { get; init; } = "";

    /// <summary>Variant.</summary>
    public string Variant { get; init; } = "";

    /// <summary>The seeds, in run order.</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [];

    /// <summary>The member run ids, one per seed.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary>Final-evaluation metrics over seeds.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Final { get; init; } = new Dictionary<string, MetricSummary>();

    /// <summary>Best-epoch metrics over seeds.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Best { get; init; } = new Dictionary<string, MetricSummary>();
}
