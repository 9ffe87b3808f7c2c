using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Experiments;

/// <summary>What running (or reusing, or resuming) one configuration gave.</summary>
/// <param name="RunId">The run's folder name.</param>
/// <param name="Directory">The run's folder.</param>
/// <param name="Status">Its status now.</param>
/// <param name="Reused">Whether an existing finished record was returned without training.</param>
/// <param name="Message">One paragraph for people.</param>
/// <param name="Manifest">The manifest as written.</param>
/// <param name="Metrics">The metrics record, when the run evaluated at least once.</param>
public sealed record RunResult(string RunId, string Directory, RunStatus Status, bool Reused, string Message, RunManifest Manifest, MetricsRecord? Metrics);
