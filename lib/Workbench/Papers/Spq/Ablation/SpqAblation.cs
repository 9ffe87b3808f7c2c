using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Papers.Spq.Baselines;
using Workbench.Training.Records;

namespace Workbench.Papers.Spq.Ablation;

/// <summary>
/// Runs SPQ's ablation (<see cref="SpqAblationPlan"/>) as ordinary run records and finds them again:
/// SPQ variants through the shared <see cref="ExperimentRunner"/> (method <c>spq</c>, <c>bits</c> set per row),
/// baselines through <see cref="SpqBaselineRunner"/>. Every run is reused when a finished record with the
/// same configuration hash exists, so <see cref="Collect"/> (the notebook's path) never trains, and an
/// interrupted ablation continues where it stopped.
/// </summary>
public sealed class SpqAblation
{
    private readonly ExperimentRunner _runner;
    private readonly SpqBaselineRunner _baselines;

    /// <summary>An ablation over <paramref name="store"/>'s records.</summary>
    public SpqAblation(RunStore store, ExperimentRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _runner = new ExperimentRunner(registry ?? ExperimentRegistry.Default, store);
        _baselines = new SpqBaselineRunner(store);
    }

    /// <summary>The record folder.</summary>
    public RunStore Store => _runner.Store;

    /// <summary>The resolved SPQ experiment of a row (its configuration hash identifies the record).</summary>
    public ResolvedExperiment Resolve(PresetLabel preset, SpqAblationItem item, long seed)
    {
        if (item.Variant is null) throw new ArgumentException($"{item.Method} is a baseline, not an SPQ variant.", nameof(item));
        var overrides = new[] { ConfigOverride.Parse($"bits={item.Bits}"), ConfigOverride.Parse($"seed={seed}") };
        return _runner.Resolve(SpqMethod.MethodName, preset, item.Variant, overrides);
    }

    /// <summary>The finished records of every row of <paramref name="plan"/> (nothing is run).</summary>
    public IReadOnlyList<SpqAblationEntry> Collect(SpqAblationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Items().Select(item => new SpqAblationEntry(item, item.Seeds
            .Select(seed => Store.FindFinished(Hash(plan.Preset, item, seed)) is { } found ? Read(seed, found.Directory, found.Manifest) : null)
            .OfType<SpqAblationRun>().ToList())).ToList();
    }

    /// <summary>
    /// Runs every row of <paramref name="plan"/> that has no finished record (all of them with
    /// <paramref name="force"/>) and returns the records. Baselines share one loaded copy of the data.
    /// </summary>
    public IReadOnlyList<SpqAblationEntry> Run(SpqAblationPlan plan, RunOptions? options = null, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new RunOptions();
        var log = options.Log ?? (_ => { });
        var finished = new Dictionary<(string Method, int Bits, long Seed), SpqAblationRun>();
        SpqData? baselineData = null;
        try
        {
            foreach (var (item, seed) in plan.Schedule())
            {
                log($"{item.Method}, {item.Bits} bits, seed {seed}");
                RunResult result;
                if (item.Baseline is { } kind)
                {
                    var config = SpqBaselineConfig.ForPreset(plan.Preset, kind, item.Bits, seed);
                    if (force || Store.FindFinished(SpqBaselineRunner.Hash(config, plan.Preset)) is null) baselineData ??= SpqData.Load(config.Data);
                    result = _baselines.Run(config, plan.Preset, baselineData, force, log);
                }
                else
                {
                    result = _runner.Run(Resolve(plan.Preset, item, seed), options with { Force = force });
                }
                if (result.Status != RunStatus.Finished)
                {
                    throw new InvalidOperationException($"{item.Method} at {item.Bits} bits (seed {seed}) ended {result.Status}: {result.Message}");
                }
                finished[(item.Method, item.Bits, seed)] = Read(seed, result.Directory, result.Manifest);
            }
            return plan.Items().Select(item => new SpqAblationEntry(item, item.Seeds.Select(s => finished[(item.Method, item.Bits, s)]).ToList())).ToList();
        }
        finally
        {
            baselineData?.Dispose();
        }
    }

    private string Hash(PresetLabel preset, SpqAblationItem item, long seed) => item.Baseline is { } kind
        ? SpqBaselineRunner.Hash(SpqBaselineConfig.ForPreset(preset, kind, item.Bits, seed), preset)
        : Resolve(preset, item, seed).ConfigHash;

    private static SpqAblationRun Read(long seed, string directory, RunManifest manifest)
    {
        var metrics = RunStore.ReadJson<MetricsRecord>(Path.Combine(directory, RunFiles.Metrics));
        var final = metrics.Final?.Metrics ?? throw new InvalidDataException($"{directory}: the run has no final evaluation.");
        return new SpqAblationRun(seed, directory, manifest, final);
    }
}
