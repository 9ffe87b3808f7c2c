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
/// <param name="CollapsedSeeds">
/// Seeds whose run collapsed (<see cref="UcdirCollapseCheck"/>). They are left out of <paramref name="Last"/> and
/// <paramref name="Best"/> unless every seed collapsed (<see cref="AllCollapsed"/>), in which case the summaries are
/// over the collapsed runs and the table marks the row.
/// </param>
/// <param name="RunFolders">The record folders of the runs, in <paramref name="RunIds"/>' order.</param>
public sealed record UcdirAblationRow(string Preset, UcdirPair Pair, string Variant, string Ablation, IReadOnlyList<long> Seeds, IReadOnlyList<string> RunIds,
    IReadOnlyDictionary<string, MetricSummary> Last, IReadOnlyDictionary<string, MetricSummary> Best, IReadOnlyList<int> BestEpochs,
    int Epochs, double SecondsPerRun, IReadOnlyList<string> Commits, IReadOnlyList<long>? CollapsedSeeds = null, IReadOnlyList<string>? RunFolders = null)
{
    /// <summary>The record folders of <see cref="RunIds"/>, in the same order (a committed record's, or the run store's).</summary>
    public IReadOnlyList<string> RunDirectories => RunFolders ?? [];

    /// <summary>Collapsed seeds (empty when none).</summary>
    public IReadOnlyList<long> Collapsed => CollapsedSeeds ?? [];

    /// <summary>Whether every seed of the row collapsed.</summary>
    public bool AllCollapsed => Collapsed.Count > 0 && Collapsed.Count == Seeds.Count;

    /// <summary>Seeds the means are taken over: the healthy ones, or all when every seed collapsed.</summary>
    public IReadOnlyList<long> AveragedSeeds => AllCollapsed ? Seeds : Seeds.Where(s => !Collapsed.Contains(s)).ToList();

    /// <summary>The row label with its collapse mark: <c>CW+SE ‡1/2</c> (one of two seeds collapsed, left out) or <c>CW+SE ‡all</c>.</summary>
    public string Label => Collapsed.Count == 0 ? Ablation : AllCollapsed ? $"{Ablation} ‡all" : $"{Ablation} ‡{Collapsed.Count}/{Seeds.Count}";
}
