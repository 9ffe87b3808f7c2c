using System.Diagnostics;
using System.Text.Json;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Experiments;

/// <summary>Multi-seed runs and their aggregate record.</summary>
public sealed partial class ExperimentRunner
{
    /// <summary>
    /// Runs seeds <c>Seed, Seed+1, …, Seed+count−1</c> (each reused when finished) and, when all finish,
    /// writes an aggregate record with the mean and sample standard deviation of every metric.
    /// </summary>
    public MultiSeedResult RunSeeds(ResolvedExperiment experiment, int count, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        options ??= new RunOptions();
        var runs = new List<RunResult>();
        var seeds = Enumerable.Range(0, count).Select(i => experiment.Config.Seed + i).ToList();
        foreach (long seed in seeds)
        {
            var result = Run(experiment.WithSeed(seed), options);
            runs.Add(result);
            if (result.Status != RunStatus.Finished) return new MultiSeedResult(runs, null, null);
        }
        if (count == 1) return new MultiSeedResult(runs, null, null);
        return WriteAggregate(experiment, seeds, runs);
    }

    private MultiSeedResult WriteAggregate(ResolvedExperiment experiment, List<long> seeds, List<RunResult> runs)
    {
        string hash = ConfigHash.Sha256Hex(string.Join(",", runs.Select(r => r.Manifest.ConfigHash)));
        string id = $"{experiment.Method.Name}-{experiment.Preset.Name()}-seeds{seeds.Count}x{seeds[0]}-{hash[..8]}";
        string dir = Path.Combine(Store.Root, id);
        Directory.CreateDirectory(dir);
        var metrics = runs.Select(r => r.Metrics ?? RunStore.ReadJson<MetricsRecord>(Path.Combine(r.Directory, RunFiles.Metrics))).ToList();
        var aggregate = new AggregateMetricsRecord
        {
            Method = experiment.Method.Name,
            Preset = experiment.Preset.Name(),
            Variant = experiment.Config.Variant,
            Seeds = seeds,
            Members = runs.Select(r => r.RunId).ToList(),
            Final = SeedAggregate.Summarize(metrics.Select(m => m.Final?.Metrics ?? new Dictionary<string, double>()).ToList()),
            Best = SeedAggregate.Summarize(metrics.Select(m => m.Best?.Metrics ?? new Dictionary<string, double>()).ToList()),
        };
        var manifest = new RunManifest
        {
            Kind = RunKinds.Aggregate,
            RunId = id,
            Method = experiment.Method.Name,
            Preset = experiment.Preset.Name(),
            Variant = experiment.Config.Variant,
            Seed = seeds[0],
            ConfigHash = hash,
            Config = ConfigHash.ToJson(experiment.Config),
            Overrides = experiment.Overrides,
            Status = RunStatus.Finished,
            StartedUtc = runs.Min(r => r.Manifest.StartedUtc),
            EndedUtc = DateTimeOffset.UtcNow,
            Environment = CaptureEnvironment(),
            Seeds = seeds,
            Members = aggregate.Members,
            Timings = new RunTimings
            {
                SetupSeconds = runs.Sum(r => r.Manifest.Timings.SetupSeconds),
                TrainSeconds = runs.Sum(r => r.Manifest.Timings.TrainSeconds),
                EvalSeconds = runs.Sum(r => r.Manifest.Timings.EvalSeconds),
                CheckpointSeconds = runs.Sum(r => r.Manifest.Timings.CheckpointSeconds),
                TotalSeconds = runs.Sum(r => r.Manifest.Timings.TotalSeconds),
            },
        };
        RunStore.WriteJson(Path.Combine(dir, RunFiles.Metrics), aggregate);
        RunStore.WriteManifest(dir, manifest);
        return new MultiSeedResult(runs, dir, aggregate);
    }
}
