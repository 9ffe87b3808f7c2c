using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Experiments.Ablation;

/// <summary>
/// A row with its finished runs and their one aggregate over seeds (<see cref="SeedAggregate"/>: mean and
/// sample sd of every metric of the final and of the best evaluation).
/// </summary>
/// <param name="Row">The row.</param>
/// <param name="Runs">Finished runs, in seed order (fewer than the row's seeds when some have not run).</param>
public sealed record AblationRowResult(AblationRow Row, IReadOnlyList<AblationRun> Runs)
{
    /// <summary>Whether every seed of the row has a finished run.</summary>
    public bool Complete => Runs.Count == Row.Seeds.Count;

    /// <summary>Final-evaluation metrics over seeds.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Final { get; } =
        SeedAggregate.Summarize(Runs.Select(r => r.Final).ToList());

    /// <summary>Best-evaluation metrics over seeds (the final one for runs without a selection metric).</summary>
    public IReadOnlyDictionary<string, MetricSummary> Best { get; } =
        SeedAggregate.Summarize(Runs.Select(r => r.Metrics.Best?.Metrics ?? r.Final).ToList());

    /// <summary>Mean wall-clock seconds of one run (setup, training or fitting, evaluation).</summary>
    public double SecondsPerRun => Runs.Count == 0 ? double.NaN : Runs.Average(r => r.Manifest.Timings.TotalSeconds);
}
