using System.Diagnostics;
using System.Text.Json;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Runtime;
using Workbench.Training.Records;
using Workbench.Training.Validation;

namespace Workbench.Papers.Spq.Baselines;

/// <summary>
/// Runs a classic baseline and records it in the shared run-record format (design.md, "Runs are data
/// first"), so tables read SPQ and baselines the same way: <c>&lt;runs&gt;/spq-baseline-&lt;preset&gt;-&lt;variant&gt;-…/</c>
/// with <c>manifest.json</c> (method <c>spq-baseline</c>, variant <c>PQ-pixels</c> / <c>PQ-PCA</c> / <c>LSH</c>,
/// preset, seed, configuration and its hash, environment, timings), <c>metrics.json</c> (final = best,
/// epoch 0), <c>per-query.csv</c> and the index or codes. Baselines train nothing, so there is no
/// history or checkpoint. A finished record with the same configuration hash is reused unless forced.
/// </summary>
public sealed class SpqBaselineRunner
{
    /// <summary>The method name in baseline records.</summary>
    public const string MethodName = "spq-baseline";

    /// <summary>A runner writing into <paramref name="store"/>.</summary>
    public SpqBaselineRunner(RunStore store) => Store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Where records go.</summary>
    public RunStore Store { get; }

    /// <summary>The configuration hash of a baseline record.</summary>
    public static string Hash(SpqBaselineConfig config, PresetLabel preset) =>
        ConfigHash.Compute(MethodName, preset.Name(), JsonSerializer.SerializeToElement(config, RecordJson.Compact));

    /// <summary>Runs (or reuses) the baseline. <paramref name="data"/> may be shared between calls (it is not disposed); null loads it.</summary>
    /// <exception cref="ConfigValidationException">An invalid configuration.</exception>
    public RunResult Run(SpqBaselineConfig config, PresetLabel preset, SpqData? data = null, bool force = false, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        log ??= _ => { };
        var errors = config.Validate();
        if (errors.Count > 0) throw new ConfigValidationException($"{MethodName} {config.Variant} ({preset.Name()})", errors);
        string hash = Hash(config, preset);
        if (!force && Store.FindFinished(hash) is { } done)
        {
            log($"Reusing finished run {done.Manifest.RunId} ({config.Variant}, {config.Bits} bits).");
            var metrics = RunStore.ReadJson<MetricsRecord>(Path.Combine(done.Directory, RunFiles.Metrics));
            return new RunResult(done.Manifest.RunId, done.Directory, RunStatus.Finished, true, $"Reused run {done.Manifest.RunId}.", done.Manifest, metrics);
        }
        string id = Store.AllocateId($"{MethodName}-{preset.Name()}-{config.Variant.ToLowerInvariant()}-s{config.Seed}-{hash[..8]}");
        string dir = Path.Combine(Store.Root, id);
        Directory.CreateDirectory(dir);
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var manifest = new RunManifest
        {
            RunId = id,
            Method = MethodName,
            Preset = preset.Name(),
            Variant = config.Variant,
            Seed = config.Seed,
            ConfigHash = hash,
            Config = JsonSerializer.SerializeToElement(config, RecordJson.Compact),
            StartedUtc = started,
            Device = "cpu",
            Threads = Threads.Current,
            Environment = CaptureEnvironment(),
        };
        RunStore.WriteManifest(dir, manifest);
        try
        {
            var load = Stopwatch.StartNew();
            var owned = data is null ? SpqData.Load(config.Data) : null;
            double loadSeconds = load.Elapsed.TotalSeconds;
            SpqBaselineResult result;
            try
            {
                log($"{config.Variant}, {config.Bits} bits: fitting on {(owned ?? data)!.Train.Count} images.");
                result = SpqBaseline.Run(config, (owned ?? data)!, dir);
            }
            finally
            {
                owned?.Dispose();
            }
            var snapshot = new EvaluationSnapshot("final", 0, 0, result.Evaluation.Metrics);
            var metrics = new MetricsRecord
            {
                Method = MethodName,
                Preset = preset.Name(),
                Variant = config.Variant,
                Seed = config.Seed,
                ConfigHash = hash,
                Complete = true,
                Final = snapshot,
                Best = snapshot with { Label = "best" },
            };
            RunStore.WriteJson(Path.Combine(dir, RunFiles.Metrics), metrics);
            PerQueryCsv.Write(Path.Combine(dir, RunFiles.PerQuery), result.Evaluation.PerQuery);
            manifest = manifest with
            {
                Status = RunStatus.Finished,
                EndedUtc = DateTimeOffset.UtcNow,
                Message = $"{config.Variant} at {config.Bits} bits: " + string.Join(", ", result.Evaluation.Metrics.Select(m => $"{m.Key} {m.Value:F4}")),
                Timings = new RunTimings
                {
                    SetupSeconds = loadSeconds,
                    TrainSeconds = result.FitSeconds,
                    EvalSeconds = result.EvaluationSeconds,
                    TotalSeconds = total.Elapsed.TotalSeconds,
                },
            };
            RunStore.WriteManifest(dir, manifest);
            log(manifest.Message);
            return new RunResult(id, dir, RunStatus.Finished, false, manifest.Message, manifest, metrics);
        }
        catch (Exception e)
        {
            RunStore.WriteManifest(dir, manifest with { Status = RunStatus.Failed, EndedUtc = DateTimeOffset.UtcNow, Message = $"{e.GetType().Name}: {e.Message}" });
            throw;
        }
    }

    private EnvironmentInfo CaptureEnvironment()
    {
        var info = EnvironmentInfo.Capture(Store.Root);
        return info.GitCommit is null ? EnvironmentInfo.Capture() : info;
    }
}
