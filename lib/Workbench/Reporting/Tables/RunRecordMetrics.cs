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
        if (record.Health is { Collapsed: true }) setting = setting is null ? CollapsedLabel : $"{setting} {CollapsedLabel}";
        return new RunMetrics(manifest.Method, manifest.Variant, manifest.Preset, manifest.Seed, final.Metrics, Setting: setting);
    }

    /// <summary>Appended to the setting of a run whose <c>metrics.json</c> health verdict says it collapsed, so it is shown apart, never averaged with healthy runs.</summary>
    public const string CollapsedLabel = "[collapsed]";

    /// <summary>The rows of every finished run in <paramref name="store"/>, optionally of one method and preset, oldest first.</summary>
    public static IReadOnlyList<RunMetrics> FromStore(RunStore store, string? method = null, string? preset = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.List()
            .Where(r => method is null || string.Equals(r.Manifest.Method, method, StringComparison.OrdinalIgnoreCase))
            .Where(r => preset is null || string.Equals(r.Manifest.Preset, preset, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Manifest.StartedUtc)
            .Select(r => FromRun(r.Directory, r.Manifest))
            .OfType<RunMetrics>()
            .ToList();
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
