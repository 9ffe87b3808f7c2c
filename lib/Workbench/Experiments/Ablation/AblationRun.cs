using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Experiments.Ablation;

/// <summary>One finished run record behind an ablation row.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Directory">Its record folder.</param>
/// <param name="Manifest">Its manifest (configuration, timings, commit).</param>
/// <param name="Metrics">Its metrics record (final and best evaluation).</param>
public sealed record AblationRun(long Seed, string Directory, RunManifest Manifest, MetricsRecord Metrics)
{
    /// <summary>The final evaluation's metrics (empty when the run recorded none).</summary>
    public IReadOnlyDictionary<string, double> Final => Metrics.Final?.Metrics ?? new Dictionary<string, double>();

    /// <summary>The committed record this run was read from (how it stands against the current run identity), or null for a record of the writable store.</summary>
    public CommittedRecord? Committed { get; init; }

    /// <summary>The git commit the run started at, or <c>unknown</c>.</summary>
    public string Commit => Manifest.Environment?.GitCommit is { Length: > 0 } c ? c : "unknown";
}
