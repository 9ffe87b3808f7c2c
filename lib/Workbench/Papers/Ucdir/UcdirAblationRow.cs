using Workbench.Experiments.Records;

namespace Workbench.Papers.Ucdir;

/// <summary>One row of the UCDIR ablation table, aggregated over seeds from the run records.</summary>
/// <param name="Preset">Preset label (<c>smoke</c>, <c>reduced</c>, <c>paper</c>).</param>
/// <param name="Pair">Dataset and domains.</param>
/// <param name="Variant"><c>Seed</c> or <c>Official</c>.</param>
/// <param name="Ablation">Canonical row name.</param>
/// <param name="Seeds">Seeds that finished, ascending.</param>
/// <param name="RunIds">Their run ids.</param>
/// <param name="Last">Metrics after the last epoch, mean and sample sd over seeds.</param>
/// <param name="Best">Metrics of the best epoch (selected on <c>mean P@K capped</c> of the evaluated images: a test-set selection, as the paper).</param>
/// <param name="BestEpochs">The selected epoch (0-based) of each seed.</param>
/// <param name="Epochs">Epochs per run.</param>
/// <param name="SecondsPerRun">Mean wall-clock seconds of one run (setup + training + evaluation).</param>
/// <param name="Commits">Git commits the runs were made at.</param>
public sealed record UcdirAblationRow(string Preset, UcdirPair Pair, string Variant, string Ablation, IReadOnlyList<long> Seeds, IReadOnlyList<string> RunIds,
    IReadOnlyDictionary<string, MetricSummary> Last, IReadOnlyDictionary<string, MetricSummary> Best, IReadOnlyList<int> BestEpochs,
    int Epochs, double SecondsPerRun, IReadOnlyList<string> Commits);
