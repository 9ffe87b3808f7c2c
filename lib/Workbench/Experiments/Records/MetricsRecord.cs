using Workbench.Experiments;
using Workbench.Metrics.Health;
using Workbench.Training.Records;
using Workbench.Training.Sessions;

namespace Workbench.Experiments.Records;

/// <summary>
/// <c>metrics.json</c> of one run: the final and the best-epoch evaluation, each labelled with its
/// epoch, plus the labels every table row needs (method, preset, variant, seed, config hash).
/// Rewritten after every evaluation; <see cref="Complete"/> is true once the run has finished.
/// </summary>
public sealed record MetricsRecord
{
    /// <summary>Format version: 2 carries a checksum (<see cref="Workbench.Training.Records.RecordChecksum"/>); 1 was written before checksums.</summary>
    public int Schema { get; init; } = 2;

    /// <summary>Method name.</summary>
    public string Method { get; init; } = "";

    /// <summary>Preset label (<c>smoke</c>, <c>reduced</c>, <c>paper</c>).</summary>
    public string Preset { get; init; } = "";

    /// <summary>Variant (<c>Seed</c>, <c>Official</c>, …).</summary>
    public string Variant { get; init; } = "";

    /// <summary>Run seed.</summary>
    public long Seed { get; init; }

    /// <summary>SHA-256 of the resolved configuration.</summary>
    public string ConfigHash { get; init; } = "";

    /// <summary>Whether the run finished (false: values so far).</summary>
    public bool Complete { get; init; }

    /// <summary>The metric that selects the best epoch, or null (best = last evaluation).</summary>
    public MetricSelection? Selection { get; init; }

    /// <summary>The evaluation after the last epoch (while unfinished: the latest one, labelled <c>last</c>).</summary>
    public EvaluationSnapshot? Final { get; init; }

    /// <summary>The best evaluation by <see cref="Selection"/>.</summary>
    public EvaluationSnapshot? Best { get; init; }

    /// <summary>Mean training losses of the last completed epoch.</summary>
    public IReadOnlyDictionary<string, double>? FinalLosses { get; init; }

    /// <summary>
    /// The collapse verdict on the final evaluation's <c>health.*</c> signals (<see cref="HealthMetrics.Judge"/>);
    /// null in records written before the signals existed (tables then ask the method's history check).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public CollapseVerdict? Health { get; init; }

    /// <summary>
    /// The collapse verdict under today's rule: <see cref="HealthMetrics.Judge"/> on the final evaluation's
    /// <c>health.*</c> signals when it has any, else the recorded <see cref="Health"/>, else
    /// <see cref="CollapseVerdict.Unchecked"/>. Tables and reports use this, so a corrected threshold applies to old records
    /// without rewriting them.
    /// </summary>
    public CollapseVerdict CurrentHealth() =>
        Final is { } final && HealthMetrics.Judge(final.Metrics) is { Checked: true } verdict ? verdict : Health ?? CollapseVerdict.Unchecked;
}
