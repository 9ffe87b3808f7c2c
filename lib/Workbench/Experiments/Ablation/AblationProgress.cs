using Workbench.Training;

namespace Workbench.Experiments.Ablation;

/// <summary>Where an ablation stands: reported when a run starts, as it trains, and when it ends.</summary>
/// <param name="Done">Tasks ended so far.</param>
/// <param name="Total">Tasks of the plan.</param>
/// <param name="Current">The task running now, or null between tasks.</param>
/// <param name="Elapsed">Wall-clock time since the ablation started.</param>
/// <param name="Remaining">Estimated time left (mean time of the tasks ended × tasks left), or null before the first ends.</param>
/// <param name="Run">The current run's own training progress, when it reports one.</param>
public sealed record AblationProgress(int Done, int Total, AblationTask? Current, TimeSpan Elapsed, TimeSpan? Remaining, TrainingProgress? Run = null)
{
    /// <summary>One line: <c>3/20 runs · spq SPQ-C bits=32 seed 0 · 2.1 min elapsed · ~11 min left</c>.</summary>
    public string Describe()
    {
        var parts = new List<string> { $"{Done}/{Total} runs" };
        if (Current is { } t) parts.Add($"{t.Cell.Row.Key} · seed {t.Cell.Seed}");
        parts.Add($"{Elapsed.TotalMinutes:F1} min elapsed");
        if (Remaining is { } r) parts.Add($"~{r.TotalMinutes:F1} min left");
        return string.Join(" · ", parts);
    }
}
