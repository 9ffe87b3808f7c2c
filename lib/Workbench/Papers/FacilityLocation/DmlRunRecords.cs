using System.Text.Json;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Papers.FacilityLocation;

/// <summary>Reads finished <c>dml</c> runs back from a runs folder (<c>artifacts/runs</c>).</summary>
public static class DmlRunRecords
{
    /// <summary>
    /// Every finished single run of the <c>dml</c> method under <paramref name="runsRoot"/> (aggregates
    /// skipped), optionally only one preset; when a configuration was run more than once (<c>--force</c>),
    /// only its newest run counts.
    /// </summary>
    public static IReadOnlyList<DmlRunRow> Read(string runsRoot, string? preset = null)
    {
        var rows = new List<DmlRunRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (dir, manifest) in RunStore.ListIn(runsRoot))
        {
            if (manifest.Kind != RunKinds.Run || manifest.Method != "dml" || manifest.Status != RunStatus.Finished) continue;
            if (preset is not null && !string.Equals(manifest.Preset, preset, StringComparison.OrdinalIgnoreCase)) continue;
            if (!seen.Add(manifest.ConfigHash)) continue; // ListIn is newest first
            string metricsPath = Path.Combine(dir, RunFiles.Metrics);
            if (!File.Exists(metricsPath)) continue;
            var metrics = RunStore.ReadJson<MetricsRecord>(metricsPath);
            if (metrics.Final is null) continue;
            var config = manifest.Config.Deserialize<DmlConfig>(RecordJson.Compact)
                         ?? throw new InvalidDataException($"{dir}: the manifest has no dml configuration.");
            rows.Add(new DmlRunRow(manifest.RunId, dir, config.Dataset, config.Loss, config.ResolvedRatio, config.BatchSize, manifest.Variant, manifest.Preset,
                manifest.Seed, manifest.Progress?.Step ?? metrics.Final.Step, metrics.Final.Metrics, manifest.Timings.TotalSeconds, manifest.Timings.TrainSeconds,
                manifest.Environment?.GitCommit, manifest.Threads, manifest.StartedUtc, manifest.EndedUtc ?? manifest.StartedUtc));
        }
        return rows.OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => LossOrder(r.Loss)).ThenBy(r => r.Ratio).ThenBy(r => r.Seed).ToList();
    }

    /// <summary>Position of a loss in the paper's table order (contrastive last).</summary>
    public static int LossOrder(string loss)
    {
        int i = Losses.MetricLearning.MetricLossCatalog.Names.ToList().IndexOf(loss);
        return i < 0 ? int.MaxValue : i;
    }
}
