using Workbench.Experiments.Records;
using Workbench.Runtime;
using Workbench.Training.Records;

namespace Workbench.Experiments.Reproduction;

/// <summary>
/// Re-trains committed run records (<c>results/&lt;paper&gt;/runs</c>) in a scratch store with the
/// current code and compares every final metric with the committed value (<c>workbench reproduce</c>).
/// A record whose identity equals the current one (same configuration, data, code version, device,
/// CPU kernels and threads) is deterministic here, so it must agree exactly; otherwise (an older
/// record without an identity, or one from another machine) the bound is twice the seed spread of its
/// row (runs of the same configuration apart from the seed), else the largest such spread of the same
/// method and metric; with no multi-seed row at all the metric is reported without a verdict.
/// Each record is re-trained at the torch thread count it recorded (<see cref="RunIdentity.Threads"/>), whatever the
/// process's own setting, because another count sums in another order and the run then diverges in its last bits;
/// the process's count is restored afterwards.
/// </summary>
public sealed class RecordReproduction
{
    private readonly ExperimentRunner _runner;
    private readonly IReadOnlyList<(string Directory, RunManifest Manifest)> _committed;

    /// <summary>Re-trains records of <paramref name="committedRuns"/> with <paramref name="registry"/>'s methods into <paramref name="scratch"/>.</summary>
    public RecordReproduction(ExperimentRegistry registry, string committedRuns, RunStore scratch)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _runner = new ExperimentRunner(registry, scratch);
        Registry = registry;
        _committed = RunStore.ListIn(committedRuns)
            .Where(r => r.Manifest.Kind == RunKinds.Run && r.Manifest.Status == RunStatus.Finished && registry.Methods.Any(m => m.Name == r.Manifest.Method))
            .OrderBy(r => r.Manifest.Timings.TotalSeconds).ThenBy(r => r.Manifest.RunId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The methods records can be re-trained with.</summary>
    public ExperimentRegistry Registry { get; }

    /// <summary>The reproducible committed records, cheapest (shortest recorded run) first.</summary>
    public IReadOnlyList<(string Directory, RunManifest Manifest)> Records => _committed;

    /// <summary>Re-trains one committed record (always a new run in the scratch store) and returns its metric drifts.</summary>
    /// <exception cref="InvalidDataException">The record's configuration no longer deserialises or hashes to its recorded hash.</exception>
    public IReadOnlyList<MetricDrift> Reproduce(string directory, RunManifest manifest, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var (method, preset, config, hash) = ExperimentRunner.Recorded(Registry, directory, manifest);
        var experiment = new ResolvedExperiment(method, preset, config, manifest.Overrides, hash);
        int threads = Threads.Current;
        RunResult result;
        bool deterministic;
        try
        {
            if (RecordedThreads(manifest) is int recordedThreads) Threads.Configure(recordedThreads);
            var identity = ExperimentRunner.IdentityOf(experiment, options);
            deterministic = manifest.Identity is { } recorded && recorded.Differences(identity).Count == 0;
            result = _runner.Run(experiment, (options ?? new RunOptions()) with { Force = true });
        }
        finally
        {
            Threads.Configure(threads);
        }
        var committed = RunStore.ReadJson<MetricsRecord>(Path.Combine(directory, RunFiles.Metrics)).Final?.Metrics ?? new Dictionary<string, double>();
        var now = result.Metrics?.Final?.Metrics ?? new Dictionary<string, double>();
        var drifts = new List<MetricDrift>();
        foreach (var (name, value) in committed)
        {
            if (!now.TryGetValue(name, out double current)) continue;
            var (tolerance, basis) = deterministic ? (0.0, "exact (same identity)") : SpreadBound(manifest, name);
            drifts.Add(new MetricDrift(manifest.RunId, name, value, current, tolerance, basis));
        }
        return drifts;
    }

    /// <summary>The torch thread count <paramref name="manifest"/> was trained with (its identity's, else its manifest's), or null when it recorded none.</summary>
    public static int? RecordedThreads(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        int recorded = manifest.Identity?.Threads is > 0 and var t ? t : manifest.Threads;
        return recorded > 0 ? recorded : null;
    }

    /// <summary>Twice the sample sd of <paramref name="metric"/> over the committed runs of this row (other seeds), else over the method's rows.</summary>
    private (double Tolerance, string Basis) SpreadBound(RunManifest manifest, string metric)
    {
        var rows = _committed.Where(r => r.Manifest.Method == manifest.Method && r.Manifest.Preset == manifest.Preset)
            .GroupBy(r => RowKey(r.Manifest))
            .Select(g => (Key: g.Key, Values: g.Select(r => Final(r.Directory, metric)).Where(v => !double.IsNaN(v)).ToList()))
            .Where(g => g.Values.Count >= 2)
            .ToList();
        string key = RowKey(manifest);
        if (rows.FirstOrDefault(r => r.Key == key) is { Values: { } own })
        {
            return (2 * Sd(own), $"2 x sd over this row's {own.Count} seeds");
        }
        if (rows.Count > 0)
        {
            return (2 * rows.Max(r => Sd(r.Values)), $"2 x the largest sd of {rows.Count} multi-seed {manifest.Method} row(s)");
        }
        return (double.NaN, "no multi-seed row: not judged");
    }

    private static string RowKey(RunManifest m)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(m.Config.GetRawText())!.AsObject();
        node.Remove("seed");
        return $"{m.Variant}|{node.ToJsonString()}";
    }

    private static double Final(string directory, string metric)
    {
        var values = RunStore.ReadJson<MetricsRecord>(Path.Combine(directory, RunFiles.Metrics)).Final?.Metrics;
        return values is not null && values.TryGetValue(metric, out double v) ? v : double.NaN;
    }

    private static double Sd(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
