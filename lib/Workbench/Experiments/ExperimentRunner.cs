using System.Diagnostics;
using System.Text.Json;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Runtime;
using Workbench.Training;
using Workbench.Training.Checkpoints;
using Workbench.Training.Records;
using Workbench.Training.Sessions;
using Workbench.Training.Validation;

namespace Workbench.Experiments;

/// <summary>
/// Runs experiments as data (design.md, "Runs are data first"): resolves a method's preset with
/// overrides and validates it before anything starts, reuses a finished run with the same
/// configuration hash unless forced, records every run under <c>&lt;runs root&gt;/&lt;run-id&gt;/</c>,
/// resumes interrupted runs from their checkpoint, and aggregates several seeds.
/// </summary>
public sealed partial class ExperimentRunner
{
    private readonly ExperimentRegistry _registry;

    /// <summary>A runner over the methods of <paramref name="registry"/> writing into <paramref name="store"/>.</summary>
    public ExperimentRunner(ExperimentRegistry registry, RunStore store)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <summary>Where records go.</summary>
    public RunStore Store { get; }

    /// <summary>
    /// The preset of <paramref name="method"/> for <paramref name="preset"/> and <paramref name="variant"/>,
    /// with <paramref name="overrides"/> applied in order, validated, and hashed.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown method, preset or variant.</exception>
    /// <exception cref="ConfigValidationException">Bad overrides or an invalid configuration; every error names its field.</exception>
    public ResolvedExperiment Resolve(string method, PresetLabel preset, string? variant = null, IEnumerable<ConfigOverride>? overrides = null) =>
        Resolve(method, preset, variant, overrides, null, []);

    /// <summary>
    /// As <see cref="Resolve(string, PresetLabel, string?, IEnumerable{ConfigOverride}?)"/>, then <paramref name="configure"/>
    /// (typed changes, e.g. an ablation row's axis settings) before validation; <paramref name="configured"/> describes those
    /// changes for the manifest, as <c>path=value (source)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown method, preset or variant.</exception>
    /// <exception cref="ConfigValidationException">Bad overrides or an invalid configuration; every error names its field.</exception>
    public ResolvedExperiment Resolve(string method, PresetLabel preset, string? variant, IEnumerable<ConfigOverride>? overrides,
        Func<ExperimentConfig, ExperimentConfig>? configure, IEnumerable<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var m = _registry.Get(method);
        var config = m.CreatePreset(preset, variant);
        var applied = new List<string>();
        var overrideErrors = new ConfigErrors();
        config = ConfigOverrides.Apply(config, overrides ?? [], overrideErrors, applied);
        if (configure is not null)
        {
            config = configure(config);
            applied.AddRange(configured);
        }
        var errors = overrideErrors.Errors.Concat(m.Validate(config)).ToList();
        if (errors.Count > 0) throw new ConfigValidationException($"{m.Name} ({preset.Name()}, {config.Variant})", errors);
        return new ResolvedExperiment(m, preset, config, applied, ConfigHash.Compute(m.Name, preset, config));
    }

    /// <summary>
    /// The typed way to a configuration (notebooks, tests): <paramref name="method"/>'s preset for <paramref name="preset"/> and
    /// <paramref name="variant"/>, changed by <paramref name="configure"/> (e.g. <c>c =&gt; c with { Bits = 64 }</c>), validated and hashed.
    /// The same configuration reached by <c>--set</c> overrides has the same hash, so either finds the other's records.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown method, preset or variant.</exception>
    /// <exception cref="InvalidCastException">The method's configuration is not a <typeparamref name="TConfig"/>.</exception>
    /// <exception cref="ConfigValidationException">An invalid configuration; every error names its field.</exception>
    public ResolvedExperiment Resolve<TConfig>(string method, PresetLabel preset, Func<TConfig, TConfig> configure, string? variant = null) where TConfig : ExperimentConfig
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Resolve(method, preset, variant, null, c => configure((TConfig)c), []);
    }

    /// <summary>Runs one configuration, or returns the finished run with the same hash (unless <see cref="RunOptions.Force"/>).</summary>
    /// <exception cref="InvalidOperationException">An unfinished run of the same configuration exists and <see cref="RunOptions.Force"/> is off (resume it instead).</exception>
    public RunResult Run(ResolvedExperiment experiment, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        options ??= new RunOptions();
        var log = options.Log ?? (_ => { });
        if (!options.Force && Store.FindFinished(experiment.ConfigHash) is { } done)
        {
            log($"Reusing finished run {done.Manifest.RunId} (same configuration hash {experiment.ConfigHash[..12]}); pass --force to train again.");
            return Reused(done.Directory, done.Manifest);
        }
        string id = experiment.BaseRunId;
        string dir = Path.Combine(Store.Root, id);
        if (Directory.Exists(dir))
        {
            if (!options.Force && File.Exists(Path.Combine(dir, RunFiles.Manifest)))
            {
                var existing = RunStore.ReadManifest(dir);
                throw new InvalidOperationException(
                    $"Run {id} of this configuration already exists with status {existing.Status} (epoch {existing.Progress?.Epoch ?? 0} of {existing.Progress?.TotalEpochs}). " +
                    $"Continue it with --resume {id}, or pass --force to start a new run.");
            }
            id = Store.AllocateId(id);
            dir = Path.Combine(Store.Root, id);
        }
        Directory.CreateDirectory(dir);
        var manifest = new RunManifest
        {
            RunId = id,
            Method = experiment.Method.Name,
            Preset = experiment.Preset.Name(),
            Variant = experiment.Config.Variant,
            Seed = experiment.Config.Seed,
            ConfigHash = experiment.ConfigHash,
            Config = ConfigHash.ToJson(experiment.Config),
            Overrides = experiment.Overrides,
            StartedUtc = DateTimeOffset.UtcNow,
            Environment = CaptureEnvironment(),
        };
        RunStore.WriteManifest(dir, manifest);
        log($"Run {id}: records in {dir}");
        return Execute(dir, manifest, experiment, resume: false, options);
    }

    /// <summary>Continues an interrupted run from its last checkpoint, with the configuration recorded in its manifest.</summary>
    /// <exception cref="DirectoryNotFoundException">No such run.</exception>
    /// <exception cref="InvalidDataException">Not a resumable run (aggregate, no checkpoint, configuration no longer matches its hash).</exception>
    public RunResult Resume(string runIdOrPath, RunOptions? options = null)
    {
        options ??= new RunOptions();
        string dir = Store.Resolve(runIdOrPath);
        var manifest = RunStore.ReadManifest(dir);
        if (manifest.Kind != RunKinds.Run) throw new InvalidDataException($"{manifest.RunId} is a {manifest.Kind} record; resume one of its member runs instead.");
        if (manifest.Status == RunStatus.Finished)
        {
            (options.Log ?? (_ => { }))($"Run {manifest.RunId} has already finished; nothing to resume.");
            return Reused(dir, manifest);
        }
        var method = _registry.Get(manifest.Method);
        var preset = PresetLabels.Parse(manifest.Preset);
        var config = (ExperimentConfig?)manifest.Config.Deserialize(method.ConfigType, RecordJson.Compact)
                     ?? throw new InvalidDataException($"{dir}: the manifest has no configuration.");
        string hash = ConfigHash.Compute(method.Name, preset, config);
        if (hash != manifest.ConfigHash)
        {
            throw new InvalidDataException(
                $"Run {manifest.RunId}: its recorded configuration now hashes to {hash[..12]}…, not {manifest.ConfigHash[..12]}… " +
                $"({method.ConfigType.Name} changed since the run started). It cannot be resumed bit-identically; start a new run.");
        }
        var errors = method.Validate(config);
        if (errors.Count > 0) throw new ConfigValidationException($"{method.Name} (resumed run {manifest.RunId})", errors);
        if (!File.Exists(Path.Combine(dir, RunFiles.LastCheckpoint)))
        {
            throw new InvalidDataException($"Run {manifest.RunId} has no checkpoint ({RunFiles.LastCheckpoint}); start it again with --force.");
        }
        var experiment = new ResolvedExperiment(method, preset, config, manifest.Overrides, hash);
        (options.Log ?? (_ => { }))($"Resuming run {manifest.RunId} from epoch {manifest.Progress?.Epoch ?? 0}.");
        return Execute(dir, manifest, experiment, resume: true, options);
    }

    private static RunResult Execute(string dir, RunManifest manifest, ResolvedExperiment experiment, bool resume, RunOptions options)
    {
        var setup = Stopwatch.StartNew();
        var recorder = new RunRecorder(dir, manifest, manifest.Progress?.Epoch ?? 0);
        Trainer? trainer = null;
        try
        {
            var device = DeviceSelector.Select(options.Device);
            Seeding.SeedEverything(experiment.Config.Seed);
            using var streams = new RandomStreams(experiment.Config.Seed, device);
            var context = new SessionContext(device, streams, dir, options.Log);
            using var session = experiment.Method.CreateSession(experiment.Config, context);
            if (session is FitOnlySession fit) return ExecuteFit(dir, manifest, recorder, fit, context, device, setup.Elapsed.TotalSeconds);
            var checkpoint = resume ? TrainingCheckpoint.Read(recorder.CheckpointPath) : null;
            using var owned = trainer = new Trainer(session, experiment.Config.Training, context, checkpoint, experiment.ConfigHash);
            recorder.Selection = session.Selection;
            recorder.Start(new RunProgressInfo(trainer.State.Epoch, trainer.State.Step, trainer.TotalEpochs, trainer.TotalSteps, trainer.StepsPerEpoch),
                trainer.Schedule.Describe(), device.ToString(), Threads.Current, setup.Elapsed.TotalSeconds);
            var outcome = trainer.Run(new TrainerRunOptions
            {
                CheckpointPath = recorder.CheckpointPath,
                BestCheckpointPath = recorder.BestCheckpointPath,
                Progress = options.Progress,
                TimeBudget = options.TimeBudget,
                Cancellation = options.Cancellation,
                EpochCompleted = recorder.OnEpoch,
            });
            recorder.Finish(outcome);
            string message = outcome.Status == RunStatus.Finished
                ? $"{outcome.Message} Records: {dir}"
                : outcome.Message + (outcome.Status is RunStatus.Cancelled or RunStatus.TimeBudgetExhausted
                    ? $" Continue with: workbench experiment run {manifest.Method} --resume {manifest.RunId}"
                    : "");
            return new RunResult(manifest.RunId, dir, outcome.Status, false, message, recorder.Manifest, recorder.Metrics);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            recorder.Fail(e, trainer?.State);
            throw;
        }
    }

    private static RunResult ExecuteFit(string dir, RunManifest manifest, RunRecorder recorder, FitOnlySession session, SessionContext context,
        TorchSharp.torch.Device device, double setupSeconds)
    {
        recorder.Start(new RunProgressInfo(0, 0, 1, 0, 1), "none (fit only)", device.ToString(), Threads.Current, setupSeconds);
        var fitClock = Stopwatch.StartNew();
        session.Fit(); // no dispose scope: the fitted state (codebooks, projections) outlives the call
        double fitSeconds = fitClock.Elapsed.TotalSeconds;
        var evalClock = Stopwatch.StartNew();
        EvaluationResult evaluation;
        using (var scope = TorchSharp.torch.NewDisposeScope())
        using (TorchSharp.torch.no_grad())
        {
            evaluation = session.Evaluate(new EvaluationContext(0, 0, true, context));
        }
        recorder.FinishFit(evaluation, fitSeconds, evalClock.Elapsed.TotalSeconds);
        string message = $"Fitted and evaluated: {string.Join(", ", evaluation.Metrics.Select(m => FormattableString.Invariant($"{m.Key} {m.Value:F4}")))}. Records: {dir}";
        return new RunResult(manifest.RunId, dir, RunStatus.Finished, false, message, recorder.Manifest, recorder.Metrics);
    }

    private EnvironmentInfo CaptureEnvironment()
    {
        var info = EnvironmentInfo.Capture(Store.Root);
        return info.GitCommit is null ? EnvironmentInfo.Capture() : info;
    }

    private static RunResult Reused(string dir, RunManifest manifest)
    {
        string metricsPath = Path.Combine(dir, RunFiles.Metrics);
        var metrics = File.Exists(metricsPath) ? RunStore.ReadJson<MetricsRecord>(metricsPath) : null;
        return new RunResult(manifest.RunId, dir, manifest.Status, true, $"Reused run {manifest.RunId} ({dir}).", manifest, metrics);
    }
}
