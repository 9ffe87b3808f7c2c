using System.Globalization;
using System.Text.Json;
using Workbench.Data.Catalog;
using Workbench.Metrics.Health;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// Whether a finished UCDIR run collapsed: <see cref="MetricsRecord.CurrentHealth"/> (<see cref="HealthMetrics.Judge"/>
/// on the final evaluation's signals, with today's thresholds) when the record has signals; for records written before the signals existed, the Seed
/// variant's self-entropy term read from <c>history.csv</c>: SE sums H(p_i) over the 2·B samples of a batch, so
/// SE / (2·B·ln K) ≥ <see cref="HealthMetrics.MaxAssignmentEntropy"/> in the last epoch means every assignment
/// is uniform over the K clusters — the centroids (and the features) collapsed to one point (SE = 64·ln 29 =
/// 215.5 at B = 32, K = 29).
/// </summary>
public static class UcdirCollapseCheck
{
    /// <summary>The verdict for the run in <paramref name="runDirectory"/>.</summary>
    public static CollapseVerdict Of(string runDirectory, MetricsRecord metrics, RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(manifest);
        if (metrics.CurrentHealth() is { Checked: true } current) return current;
        string history = Path.Combine(runDirectory, RunFiles.History);
        if (!File.Exists(history)) return CollapseVerdict.Unchecked;
        var rows = HistoryCsv.Read(history);
        if (rows.Count == 0 || !rows[^1].Losses.TryGetValue("se", out double se)) return CollapseVerdict.Unchecked;
        if (!string.Equals(manifest.Variant, "Seed", StringComparison.OrdinalIgnoreCase)) return CollapseVerdict.Unchecked;
        int? k = Clusters(manifest.Config);
        if (k is null || !manifest.Config.TryGetProperty("batchSize", out var b) || b.ValueKind != JsonValueKind.Number) return CollapseVerdict.Unchecked;
        double ratio = se / (2.0 * b.GetInt32() * Math.Log(k.Value));
        var reason = $"train.se / (2·B·ln K) = {ratio.ToString("F4", CultureInfo.InvariantCulture)} at epoch {rows[^1].Epoch} (K = {k}, B = {b.GetInt32()}): every assignment uniform over the clusters";
        return ratio >= HealthMetrics.MaxAssignmentEntropy
            ? new CollapseVerdict(true, true, [reason], "training history (Seed SE term)")
            : new CollapseVerdict(true, false, [], "training history (Seed SE term)");
    }

    private static int? Clusters(JsonElement config)
    {
        if (config.TryGetProperty("clusters", out var c) && c.ValueKind == JsonValueKind.Number) return c.GetInt32();
        if (config.TryGetProperty("classes", out var cl) && cl.ValueKind == JsonValueKind.Array) return cl.GetArrayLength();
        if (!config.TryGetProperty("data", out var d) || d.GetString() is not { } name) return null;
        try
        {
            return DatasetCatalog.Get(name).Expected?.Classes;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
