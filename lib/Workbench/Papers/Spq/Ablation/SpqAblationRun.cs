using Workbench.Experiments.Records;

namespace Workbench.Papers.Spq.Ablation;

/// <summary>One finished run record behind an ablation row.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Directory">Its record folder.</param>
/// <param name="Manifest">Its manifest (timings, commit, configuration).</param>
/// <param name="Metrics">Its final evaluation's metrics.</param>
public sealed record SpqAblationRun(long Seed, string Directory, RunManifest Manifest, IReadOnlyDictionary<string, double> Metrics);
