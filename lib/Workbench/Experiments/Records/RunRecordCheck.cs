using Workbench.Training.Records;

namespace Workbench.Experiments.Records;

/// <summary>
/// Whether a run folder's records are whole: the manifest and metrics checksums match, and every file
/// the manifest lists has the digest it recorded. A finished run is reused, compared and shown as
/// finished only when this finds nothing.
/// </summary>
public static class RunRecordCheck
{
    /// <summary>The problems of the run in <paramref name="runDirectory"/> (empty when whole), each <c>file: what is wrong</c>.</summary>
    /// <param name="runDirectory">The run folder.</param>
    /// <param name="manifest">Its manifest, already read (its own checksum was checked then).</param>
    public static IReadOnlyList<string> Problems(string runDirectory, RunManifest manifest) => Problems(runDirectory, manifest, keptOnly: false);

    /// <summary>
    /// As <see cref="Problems(string, RunManifest)"/>, and with <paramref name="keptOnly"/> for a committed record, which keeps a subset of
    /// the files its manifest lists (manifest, metrics, history, and for inspected runs a few more): then only <c>metrics.json</c> must be
    /// there, and every other listed file is checked only when it is.
    /// </summary>
    public static IReadOnlyList<string> Problems(string runDirectory, RunManifest manifest, bool keptOnly)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var problems = new List<string>();
        if (manifest.Status == RunStatus.Finished)
        {
            string metrics = Path.Combine(runDirectory, RunFiles.Metrics);
            try
            {
                if (manifest.Kind == RunKinds.Aggregate) RunStore.ReadJson<AggregateMetricsRecord>(metrics);
                else RunStore.ReadJson<MetricsRecord>(metrics);
            }
            catch (DamagedRecordException e)
            {
                problems.Add($"{RunFiles.Metrics}: {e.Reason}");
            }
            if (!keptOnly && manifest.Kind == RunKinds.Run && manifest.Files is null && !File.Exists(Path.Combine(runDirectory, RunFiles.History)))
            {
                problems.Add($"{RunFiles.History}: missing");
            }
        }
        foreach (var (name, digest) in manifest.Files ?? new Dictionary<string, string>())
        {
            if (name == RunFiles.Metrics && problems.Count > 0) continue; // already named
            string path = Path.Combine(runDirectory, name);
            if (!File.Exists(path))
            {
                if (!keptOnly || name == RunFiles.Metrics) problems.Add($"{name}: missing although the manifest lists it");
            }
            else if (RecordChecksum.Of(path) != digest) problems.Add($"{name}: checksum mismatch (changed after the manifest recorded it)");
        }
        return problems;
    }

    /// <summary>Throws when <see cref="Problems(string, RunManifest)"/> finds any, with <paramref name="advice"/> appended.</summary>
    /// <exception cref="DamagedRecordException">The first damaged file, and how many more there are.</exception>
    public static void ThrowIfDamaged(string runDirectory, RunManifest manifest, string advice)
    {
        var problems = Problems(runDirectory, manifest);
        if (problems.Count == 0) return;
        throw new DamagedRecordException(runDirectory, string.Join("; ", problems), advice);
    }
}
