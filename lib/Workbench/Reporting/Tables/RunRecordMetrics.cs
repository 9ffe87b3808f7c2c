using System.Text.RegularExpressions;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Reporting.Tables;

/// <summary>
/// Turns run records (<c>artifacts/runs/&lt;id&gt;/manifest.json</c> and <c>metrics.json</c>) into
/// <see cref="RunMetrics"/> rows, so that <see cref="AblationTable"/> can compare any set of runs:
/// runs of the same method, variant, preset and overrides (the <em>setting</em>) but different seeds
/// become one row with mean ± sd.
/// </summary>
public static partial class RunRecordMetrics
{
    /// <summary>
    /// The row of one finished run: its final evaluation's metrics, or null when the run is not a
    /// finished single run (running, failed, resumable, or a seed aggregate) or has no final metrics.
    /// </summary>
    /// <param name="runDirectory">The run's folder.</param>
    /// <param name="manifest">Its manifest (<see cref="RunStore.ReadManifest"/>).</param>
    public static RunMetrics? FromRun(string runDirectory, RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Kind != RunKinds.Run || manifest.Status != RunStatus.Finished) return null;
        string file = Path.Combine(runDirectory, RunFiles.Metrics);
        if (!File.Exists(file)) return null;
        var record = RunStore.ReadJson<MetricsRecord>(file);
        var final = record.Final;
        if (final is null || final.Metrics.Count == 0) return null;
        string? setting = SettingOf(manifest);
        // A collapsed run forms its own, labelled row instead of entering the mean of its healthy seeds.
        if (record.CurrentHealth().Collapsed) setting = setting is null ? CollapsedLabel : $"{setting} {CollapsedLabel}";
        return new RunMetrics(manifest.Method, manifest.Variant, manifest.Preset, manifest.Seed, final.Metrics, Setting: setting);
    }

    /// <summary>Appended to the setting of a run whose health signals say it collapsed (<see cref="MetricsRecord.CurrentHealth"/>), so it is shown apart, never averaged with healthy runs.</summary>
    public const string CollapsedLabel = "[collapsed]";

    /// <summary>
    /// The rows of every finished run in <paramref name="store"/>, optionally of one method and preset, oldest first.
    /// A run whose records are damaged (<see cref="RunRecordCheck"/>) is skipped, and so is every older run of the same
    /// setting and seed (after <c>--force</c> or a retrain): a seed is one sample, so the newest run stands for it.
    /// Each skip is named to <paramref name="skipped"/>.
    /// </summary>
    public static IReadOnlyList<RunMetrics> FromStore(RunStore store, string? method = null, string? preset = null, Action<string>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<(RunMetrics Row, string RunId)>();
        foreach (var r in store.List()
                     .Where(r => method is null || string.Equals(r.Manifest.Method, method, StringComparison.OrdinalIgnoreCase))
                     .Where(r => preset is null || string.Equals(r.Manifest.Preset, preset, StringComparison.OrdinalIgnoreCase))
                     .OrderBy(r => r.Manifest.StartedUtc))
        {
            if (r.Manifest.Kind != RunKinds.Run || r.Manifest.Status != RunStatus.Finished) continue;
            // only metrics.json is read here: a record that keeps a subset of its files (committed records) is whole enough
            var problems = RunRecordCheck.Problems(r.Directory, r.Manifest, keptOnly: true);
            if (problems.Count > 0)
            {
                skipped?.Invoke($"{r.Manifest.RunId}: records damaged ({string.Join("; ", problems)}); left out");
                continue;
            }
            if (FromRun(r.Directory, r.Manifest) is { } row) rows.Add((row, r.Manifest.RunId));
        }
        var kept = new List<RunMetrics>();
        foreach (var group in rows.GroupBy(x => (x.Row.Method, x.Row.Variant, x.Row.Preset, x.Row.Setting, x.Row.Seed)))
        {
            var newest = group.Last();
            foreach (var older in group.SkipLast(1))
            {
                skipped?.Invoke($"{older.RunId}: same setting and seed {group.Key.Seed} as the newer {newest.RunId}; counted once");
            }
            kept.Add(newest.Row);
        }
        var order = rows.Select(x => x.Row).ToList();
        return kept.OrderBy(order.IndexOf).ToList();
    }

    /// <summary>
    /// What sets a run apart from its preset besides the seed: its overrides without their source
    /// (<c>training.epochs=30 (--set)</c> → <c>training.epochs=30</c>), joined by <c>, </c>; null when none.
    /// </summary>
    public static string? SettingOf(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var parts = manifest.Overrides
            .Select(o => Source().Replace(o, ""))
            .Where(o => !o.StartsWith("seed=", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    [GeneratedRegex(@"\s+\([^()]*\)$")]
    private static partial Regex Source();
}
