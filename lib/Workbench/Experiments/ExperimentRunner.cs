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

    /// <summary>
    /// Runs one configuration, or returns its finished run (same configuration hash) unless <see cref="RunOptions.Force"/>.
    /// The run folder is locked (<see cref="RunLock"/>) before its record is read, so one configuration is trained
    /// by one process at a time. An unfinished record of the same configuration is taken up again: continued from
    /// its checkpoint when it was stopped or killed, trained again from the start when it failed before its first
    /// checkpoint. A diverged record is refused (the same configuration diverges again) unless forced.
    /// With <see cref="RunOptions.Force"/> a new folder (<c>id-2</c>, …) is trained and the old records are kept.
    /// </summary>
    /// <exception cref="RunLockedException">Another live process is training this configuration.</exception>
    /// <exception cref="DamagedRecordException">The record or checkpoint to continue from is damaged (never trained from).</exception>
    /// <exception cref="InvalidOperationException">The recorded run of this configuration diverged; the message says what to change.</exception>
    public RunResult Run(ResolvedExperiment experiment, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        options ??= new RunOptions();
        var log = options.Log ?? (_ => { });
        var identity = IdentityOf(experiment, options);
        if (!options.Force && Store.FindReusable(identity, log) is { } done)
        {
            if (!Store.IsCommitted(done.Directory))
                log($"Reusing finished run {done.Manifest.RunId} (same configuration {experiment.ConfigHash[..12]}, data, code version {identity.CodeVersion} and {identity.Threads} thread(s)); pass --force to train again.");
            return Reused(done.Directory, done.Manifest);
        }
        var held = RunLock.Acquire(Path.Combine(Store.Root, experiment.BaseRunId));
        try
        {
            var (runLock, manifest, checkpoint) = Claim(held, experiment, identity, options, log);
            held = runLock;
            if (manifest.Status == RunStatus.Finished) return Reused(runLock.Directory, manifest);
            return Execute(runLock.Directory, manifest, experiment, checkpoint, options);
        }
        finally
        {
            held.Dispose();
        }
    }

    /// <summary>Continues an interrupted run from its last checkpoint, with the configuration recorded in its manifest.</summary>
    /// <exception cref="DirectoryNotFoundException">No such run.</exception>
    /// <exception cref="RunLockedException">Another live process is training it.</exception>
    /// <exception cref="DamagedRecordException">Its manifest or checkpoint is damaged (never trained from).</exception>
    /// <exception cref="InvalidDataException">Not a resumable run (aggregate, configuration no longer matches its hash).</exception>
    /// <exception cref="InvalidOperationException">The run diverged; continuing would diverge again.</exception>
    public RunResult Resume(string runIdOrPath, RunOptions? options = null)
    {
        options ??= new RunOptions();
        var log = options.Log ?? (_ => { });
        string dir = Store.Resolve(runIdOrPath);
        if (!File.Exists(Path.Combine(dir, RunFiles.Manifest))) throw new DamagedRecordException(Path.Combine(dir, RunFiles.Manifest), "missing", "This folder is not a run record.");
        using var runLock = RunLock.Acquire(dir);
        var manifest = RunStore.ReadManifest(dir);
        if (manifest.Kind != RunKinds.Run) throw new InvalidDataException($"{manifest.RunId} is a {manifest.Kind} record; resume one of its member runs instead.");
        if (manifest.Status == RunStatus.Finished)
        {
            RunRecordCheck.ThrowIfDamaged(dir, manifest, $"Train it again with: workbench experiment run {manifest.Method} --preset {manifest.Preset} … --force (a new folder; this one is kept).");
            log($"Run {manifest.RunId} has already finished; nothing to resume.");
            return Reused(dir, manifest);
        }
        if (manifest.Status == RunStatus.Diverged) throw Diverged(manifest);
        var (method, preset, config, hash) = Recorded(_registry, dir, manifest);
        var errors = method.Validate(config);
        if (errors.Count > 0) throw new ConfigValidationException($"{method.Name} (resumed run {manifest.RunId})", errors);
        var experiment = new ResolvedExperiment(method, preset, config, manifest.Overrides, hash);
        ThrowIfNotSameExperiment(manifest, IdentityOf(experiment, options));
        var checkpoint = UsableCheckpoint(dir, manifest, log);
        return Execute(dir, manifest, experiment, checkpoint, options);
    }

    /// <summary>
    /// Decides, holding the lock of the experiment's base folder, which folder to train and from where: a fresh
    /// record, the existing unfinished one (continued or retrained), or a new <c>-2</c>, <c>-3</c>, … folder.
    /// Returns the lock actually held (the base one, or the new folder's).
    /// </summary>
    private (RunLock Lock, RunManifest Manifest, TrainingCheckpoint? Checkpoint) Claim(RunLock baseLock, ResolvedExperiment experiment, RunIdentity identity, RunOptions options, Action<string> log)
    {
        string dir = baseLock.Directory;
        if (File.Exists(Path.Combine(dir, RunFiles.Manifest)))
        {
            RunManifest existing;
            try
            {
                existing = RunStore.ReadManifest(dir);
            }
            catch (DamagedRecordException e) when (!options.Force)
            {
                throw new DamagedRecordException(e.FilePath, e.Reason,
                    "Its run cannot be continued or reused; pass --force to train this configuration again in a new folder (the damaged one is kept).");
            }
            catch (DamagedRecordException)
            {
                return NewFolder(baseLock, experiment, identity, log);
            }
            if (options.Force) return NewFolder(baseLock, experiment, identity, log);
            switch (existing.Status)
            {
                case RunStatus.Finished:
                    if (RunRecordCheck.Problems(dir, existing) is { Count: > 0 } problems)
                    {
                        log($"Run {existing.RunId} is recorded as finished but its records are damaged ({string.Join("; ", problems)}); it is not reused. Training the configuration again in a new folder.");
                        return NewFolder(baseLock, experiment, identity, log);
                    }
                    if (existing.Identity is not { } finishedAs || finishedAs.Differences(identity).Count > 0)
                    {
                        log($"Run {existing.RunId} is finished but is not the same experiment (no recorded identity, or a different one); training the configuration again in a new folder.");
                        return NewFolder(baseLock, experiment, identity, log);
                    }
                    log($"Run {existing.RunId} finished while this process waited; reusing it.");
                    return (baseLock, existing, null);
                case RunStatus.Diverged:
                    throw Diverged(existing);
                default:
                    ThrowIfNotSameExperiment(existing, identity);
                    var checkpoint = UsableCheckpoint(dir, existing, log);
                    return (baseLock, existing, checkpoint);
            }
        }
        return (baseLock, NewManifest(experiment, identity, Path.GetFileName(dir)), null);
    }

    private (RunLock Lock, RunManifest Manifest, TrainingCheckpoint? Checkpoint) NewFolder(RunLock baseLock, ResolvedExperiment experiment, RunIdentity identity, Action<string> log)
    {
        baseLock.Dispose();
        for (int i = 2; ; i++)
        {
            string id = $"{experiment.BaseRunId}-{i}";
            string dir = Path.Combine(Store.Root, id);
            if (File.Exists(Path.Combine(dir, RunFiles.Manifest))) continue;
            var taken = RunLock.TryAcquire(dir);
            if (taken is null) continue; // another process is starting this id
            if (File.Exists(Path.Combine(dir, RunFiles.Manifest)))
            {
                taken.Dispose();
                continue;
            }
            return (taken, NewManifest(experiment, identity, id), null);
        }
    }

    private RunManifest NewManifest(ResolvedExperiment experiment, RunIdentity identity, string id) => new()
    {
        RunId = id,
        Method = experiment.Method.Name,
        Preset = experiment.Preset.Name(),
        Variant = experiment.Config.Variant,
        Seed = experiment.Config.Seed,
        ConfigHash = experiment.ConfigHash,
        Config = ConfigHash.ToJson(experiment.Config),
        Overrides = experiment.Overrides,
        Identity = identity,
        StartedUtc = DateTimeOffset.UtcNow,
        Environment = CaptureEnvironment(),
    };

    /// <summary>
    /// The checkpoint an unfinished run continues from, or null when it has none worth continuing (it then trains
    /// from the start, which loses nothing: no epoch was completed and recorded). The log says which and why.
    /// </summary>
    /// <exception cref="DamagedRecordException">The checkpoint exists but is damaged.</exception>
    private static TrainingCheckpoint? UsableCheckpoint(string dir, RunManifest manifest, Action<string> log)
    {
        string path = Path.Combine(dir, RunFiles.LastCheckpoint);
        string was = manifest.Status == RunStatus.Running
            ? $"was left running by a process that is gone ({RunLock.ReadOwner(dir)?.ToString() ?? "owner unknown"}; killed?)"
            : $"is {Describe(manifest.Status)}" + (manifest.Message is { Length: > 0 } m ? $": {FirstSentence(m)}" : "");
        if (!File.Exists(path))
        {
            log($"Run {manifest.RunId} {was}. It has no checkpoint, so it is trained again from the start in {dir}.");
            return null;
        }
        TrainingCheckpoint checkpoint;
        try
        {
            checkpoint = TrainingCheckpoint.Read(path);
        }
        catch (DamagedRecordException e)
        {
            throw new DamagedRecordException(e.FilePath, e.Reason,
                $"Run {manifest.RunId} cannot be continued from it. Pass --force to train the configuration again in a new folder (this one is kept), " +
                $"or delete {dir} to start over.");
        }
        int epoch = checkpoint.Header.State.Epoch;
        if (epoch == 0)
        {
            log($"Run {manifest.RunId} {was}. Its checkpoint holds no completed epoch, so it is trained again from the start in {dir}.");
            return checkpoint;
        }
        log($"Run {manifest.RunId} {was}. Continuing from its checkpoint after {epoch} completed epoch{(epoch == 1 ? "" : "s")} (epoch {epoch + 1} is next).");
        return checkpoint;
    }

    private static InvalidOperationException Diverged(RunManifest manifest) => new(
        $"Run {manifest.RunId} diverged" + (manifest.Divergence is { } d ? $" ({d.Quantity} not finite at epoch {d.Epoch + 1}, global step {d.GlobalStep + 1})" : "") +
        "; continuing it or training the same configuration again diverges the same way. Change the configuration, e.g. a lower " +
        "training.optimizer.learningRate or training.gradientClipNorm=1 (a new configuration, so a new run); " +
        "--force trains this configuration again anyway, in a new folder.");

    private static string Describe(RunStatus status) => status switch
    {
        RunStatus.Cancelled => "cancelled",
        RunStatus.TimeBudgetExhausted => "stopped by its time budget",
        RunStatus.Failed => "failed",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message.TrimEnd('.')).Trim();
    }

    private static RunResult Execute(string dir, RunManifest manifest, ResolvedExperiment experiment, TrainingCheckpoint? checkpoint, RunOptions options)
    {
        var setup = Stopwatch.StartNew();
        if (AtomicFile.RemoveLeftovers(dir) is { Count: > 0 } torn)
        {
            options.Log?.Invoke($"Removed {torn.Count} half-written temporary file(s) that a killed process left in {dir}.");
        }
        int fromEpoch = checkpoint?.Header.State.Epoch ?? 0;
        if (checkpoint is null && manifest.Segments.Count > 0) manifest = manifest with { Progress = null };
        var recorder = new RunRecorder(dir, manifest, fromEpoch);
        Trainer? trainer = null;
        try
        {
            var device = DeviceSelector.Select(options.Device);
            Seeding.SeedEverything(experiment.Config.Seed);
            using var streams = new RandomStreams(experiment.Config.Seed, device);
            var context = new SessionContext(device, streams, dir, options.Log);
            using var session = CreateSession(experiment, context);
            if (session is FitOnlySession fit) return ExecuteFit(dir, manifest, recorder, fit, context, device, setup.Elapsed.TotalSeconds);
            using var owned = trainer = new Trainer(session, experiment.Config.Training, context, checkpoint, experiment.ConfigHash);
            recorder.Selection = session.Selection;
            recorder.Start(new RunProgressInfo(trainer.State.Epoch, trainer.State.Step, trainer.TotalEpochs, trainer.TotalSteps, trainer.StepsPerEpoch),
                trainer.Schedule.Describe(), device.ToString(), Threads.Current, setup.Elapsed.TotalSeconds);
            (options.Log ?? (_ => { }))($"Run {manifest.RunId}: records in {dir}");
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
                    ? $" Continue with: workbench experiment run {manifest.Method} --resume {manifest.RunId} (or the same command again)."
                    : "");
            return new RunResult(manifest.RunId, dir, outcome.Status, false, message, recorder.Manifest, recorder.Metrics);
        }
        catch (Exception e) when (e is not OperationCanceledException && recorder.Started)
        {
            // A failure before training started (missing data, a data-dependent invalid setting) changes no record:
            // there is nothing to keep, and the next attempt starts cleanly. A failure while training is recorded.
            recorder.Fail(e, trainer?.State);
            throw;
        }
    }

    /// <summary>The method's session; a bad <c>init</c> checkpoint is reported as the invalid setting it is.</summary>
    /// <exception cref="ConfigValidationException">The <c>init</c> checkpoint cannot be read or does not fit the backbone.</exception>
    private static TrainingSession CreateSession(ResolvedExperiment experiment, SessionContext context)
    {
        try
        {
            return experiment.Method.CreateSession(experiment.Config, context);
        }
        catch (Exception e) when (InitProblem.Of(e, experiment) is { } invalid)
        {
            throw invalid;
        }
    }

    /// <summary>
    /// The method, preset, configuration and hash a run record was made with, the configuration read back
    /// from its manifest and re-hashed (for resuming and reproducing it).
    /// </summary>
    /// <exception cref="DamagedRecordException">The manifest holds no configuration.</exception>
    /// <exception cref="InvalidDataException">The configuration no longer hashes to the recorded hash (its type changed since).</exception>
    public static (IExperimentMethod Method, PresetLabel Preset, ExperimentConfig Config, string Hash) Recorded(ExperimentRegistry registry, string dir, RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(manifest);
        var method = registry.Get(manifest.Method);
        var preset = PresetLabels.Parse(manifest.Preset);
        var config = (ExperimentConfig?)manifest.Config.Deserialize(method.ConfigType, RecordJson.Compact)
                     ?? throw new DamagedRecordException(Path.Combine(dir, RunFiles.Manifest), "it has no configuration");
        string hash = ConfigHash.Compute(method.Name, preset, config);
        if (hash != manifest.ConfigHash)
        {
            throw new InvalidDataException(
                $"Run {manifest.RunId}: its recorded configuration now hashes to {hash[..12]}…, not {manifest.ConfigHash[..12]}… " +
                $"({method.ConfigType.Name} changed since the run started). It cannot be resumed or re-trained bit-identically; start a new run.");
        }
        return (method, preset, config, hash);
    }

    /// <summary>
    /// The identity a run of <paramref name="experiment"/> would have now: configuration hash, the
    /// method's code version, the fingerprints of the datasets it reads, device, torch threads and CPU kernels.
    /// </summary>
    /// <exception cref="InvalidDataException">A dataset changed since it was fingerprinted or fails its verified counts.</exception>
    public static RunIdentity IdentityOf(ResolvedExperiment experiment, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return new RunIdentity
        {
            ConfigHash = experiment.ConfigHash,
            CodeVersion = experiment.Method.CodeVersion,
            Data = experiment.Method.Datasets(experiment.Config).Select(u => Data.Catalog.DataFingerprints.Of(u)).ToList(),
            Device = DeviceSelector.Select(options?.Device).type.ToString().ToLowerInvariant(),
            Threads = Threads.Current,
            CpuKernels = CpuKernels.Current,
        };
    }

    /// <summary>An unfinished run is continued only as the same experiment (a resume across thread counts, code versions or data would not be bit-identical).</summary>
    private static void ThrowIfNotSameExperiment(RunManifest manifest, RunIdentity current)
    {
        if (manifest.Identity is { } recorded && recorded.Differences(current) is { Count: > 0 } differences)
        {
            throw new InvalidDataException(
                $"Run {manifest.RunId} cannot be continued bit-identically: {string.Join("; ", differences)}. " +
                "Continue it with the recorded settings, or pass --force to train the configuration again in a new folder.");
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
