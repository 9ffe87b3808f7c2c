using System.Diagnostics;
using TorchSharp;
using Workbench.Runtime;
using Workbench.Training.Checkpoints;
using Workbench.Training.Records;
using Workbench.Training.Schedules;
using Workbench.Training.Sessions;
using Workbench.Training.Validation;
using static TorchSharp.torch;

namespace Workbench.Training;

/// <summary>
/// The one training loop of the workbench. Per epoch: <see cref="TrainingSession.BeginEpoch"/>; per step,
/// inside its own <c>torch.NewDisposeScope()</c>: set the scheduled learning rate, <c>zero_grad</c>,
/// <see cref="TrainingSession.TrainStep"/>, check every loss is finite, backward, optional global-norm
/// clipping (a non-finite norm also stops the run), optimizer step,
/// <see cref="TrainingSession.AfterOptimizerStep"/>. After an epoch: evaluation when due (under
/// <c>no_grad</c>, eval mode), best-epoch selection, history, the <see cref="TrainerRunOptions.EpochCompleted"/>
/// callback, then a checkpoint when due. Cancellation and the wall-clock budget are checked before every step.
/// Checkpoints are taken at epoch boundaries, so an interrupted epoch is redone on resume; with the
/// same seed on CPU the resumed run is bit-identical to an uninterrupted one. A stop (cancellation or
/// budget) writes the state of the last completed epoch when the cadence had not written it yet, so a
/// stop never loses a completed epoch.
/// </summary>
public sealed partial class Trainer : IDisposable
{
    private readonly TrainingSession _session;
    private readonly TrainerSettings _settings;
    private readonly SessionContext _context;
    private readonly optim.Optimizer _optimizer;
    private readonly ILearningRateSchedule _schedule;
    private readonly List<TorchSharp.Modules.Parameter> _parameters;
    private readonly string? _configHash;
    private int? _checkpointEpoch;
    private double _appliedLearningRate = double.NaN;
    private readonly double[] _groupScales;
    private string? _checkpointPath;
    private TrainingCheckpoint? _pending;

    /// <summary>Builds the optimizer and schedule for <paramref name="session"/>; with <paramref name="resume"/>, restores model, optimizer, RNG streams, session state and trainer state from it.</summary>
    /// <param name="session">The method's model, data and step logic.</param>
    /// <param name="settings">Run length, optimizer, schedule, clipping, cadence.</param>
    /// <param name="context">The session context (its random streams are checkpointed).</param>
    /// <param name="resume">A checkpoint of the same configuration to continue from, or null to start.</param>
    /// <param name="configHash">The configuration hash stored in checkpoints and checked on resume (optional).</param>
    /// <exception cref="ConfigValidationException">Invalid settings.</exception>
    /// <exception cref="InvalidDataException">The checkpoint belongs to another configuration or optimizer, or is past the run's end.</exception>
    public Trainer(TrainingSession session, TrainerSettings settings, SessionContext context, TrainingCheckpoint? resume = null, string? configHash = null)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _configHash = configHash;
        var errors = new ConfigErrors();
        settings.Validate(errors.Scope("training"));
        errors.ThrowIfAny("the trainer");
        StepsPerEpoch = session.StepsPerEpoch;
        if (StepsPerEpoch < 1) throw new InvalidOperationException($"{session.GetType().Name}.StepsPerEpoch is {StepsPerEpoch}; a session needs at least one step per epoch (is the dataset smaller than one batch?).");
        TotalEpochs = settings.TotalEpochs(StepsPerEpoch);
        TotalSteps = settings.TotalSteps(StepsPerEpoch);
        _schedule = session.CreateSchedule(settings.Schedule, settings.Schedule.Unit == ScheduleUnit.Epoch ? TotalEpochs : TotalSteps);

        if (resume is not null)
        {
            if (configHash is not null && resume.Header.ConfigHash is not null && resume.Header.ConfigHash != configHash)
            {
                throw new InvalidDataException($"The checkpoint was written for configuration {resume.Header.ConfigHash[..12]}…, not {configHash[..12]}…; it cannot resume this run.");
            }
            using var modelStream = new MemoryStream(resume.Model, writable: false);
            using var modelReader = new BinaryReader(modelStream);
            session.Model.load(modelReader, strict: true);
        }
        _optimizer = session.CreateOptimizer(settings.Optimizer);
        _parameters = session.TrainableParameters.ToList();
        // A session may build parameter groups with their own rates (e.g. 10x for a head); the schedule scales each.
        _groupScales = _optimizer.ParamGroups.Select(g => g.LearningRate / settings.Optimizer.LearningRate).ToArray();
        State = new TrainerState();
        if (resume is not null)
        {
            using var optStream = new MemoryStream(resume.Optimizer, writable: false);
            using var optReader = new BinaryReader(optStream);
            if (_optimizer is TorchSharp.Modules.OptimizerHelper helper) helper.load_state_dict(optReader);
            else throw new InvalidDataException($"Optimizer {_optimizer.GetType().Name} cannot load a saved state.");
            context.Random.Restore(resume.Header.Random);
            using var sessionStream = new MemoryStream(resume.Session, writable: false);
            using var sessionReader = new BinaryReader(sessionStream);
            session.LoadState(sessionReader);
            State = resume.Header.State;
            _checkpointEpoch = State.Epoch;
            if (State.Epoch > TotalEpochs || State.Step > TotalSteps)
            {
                throw new InvalidDataException($"The checkpoint is at epoch {State.Epoch}, step {State.Step}, past this run's end ({TotalEpochs} epochs, {TotalSteps} steps).");
            }
        }
    }

    /// <summary>Optimizer steps per epoch (from the session).</summary>
    public int StepsPerEpoch { get; }

    /// <summary>Epochs in the run (the last may be partial when steps limit it).</summary>
    public int TotalEpochs { get; }

    /// <summary>Optimizer steps in the run.</summary>
    public long TotalSteps { get; }

    /// <summary>Position, history, best and latest evaluation.</summary>
    public TrainerState State { get; private set; }

    /// <summary>The optimizer built for the session.</summary>
    public optim.Optimizer Optimizer => _optimizer;

    /// <summary>The learning-rate schedule.</summary>
    public ILearningRateSchedule Schedule => _schedule;

    /// <summary>The learning rate of the step at <paramref name="epoch"/> / <paramref name="globalStep"/>.</summary>
    public double LearningRateAt(int epoch, long globalStep) =>
        _settings.Optimizer.LearningRate * _schedule.Factor(_settings.Schedule.Unit == ScheduleUnit.Epoch ? epoch : globalStep);

    /// <summary>Trains until the end, a cancellation, the time budget, or a non-finite loss.</summary>
    public TrainingOutcome Run(TrainerRunOptions? options = null)
    {
        options ??= new TrainerRunOptions();
        var clock = Stopwatch.StartNew();
        TimeSpan? lastReport = null;
        _checkpointPath = options.CheckpointPath;
        if (options.CheckpointPath is { } initial && State.Epoch == 0 && State.Step == 0) SaveCheckpoint(initial);
        _session.Model.train();
        (long Step, IReadOnlyList<(string, double)> Values)? lastFinite = null;

        while (State.Epoch < TotalEpochs)
        {
            int epoch = State.Epoch;
            long firstStep = State.Step;
            int steps = (int)Math.Min(StepsPerEpoch, TotalSteps - firstStep);
            double lr = LearningRateAt(epoch, firstStep);
            using (var scope = NewDisposeScope())
            {
                _session.BeginEpoch(new EpochContext(epoch, TotalEpochs, firstStep, TotalSteps, steps, lr, _context));
            }
            var losses = new LossAccumulator();
            var epochClock = Stopwatch.StartNew();
            for (int s = 0; s < steps; s++)
            {
                if (options.Cancellation.IsCancellationRequested) return Interrupted(RunStatus.Cancelled, epoch, s, epochClock);
                if (options.TimeBudget is { } budget && clock.Elapsed >= budget) return Interrupted(RunStatus.TimeBudgetExhausted, epoch, s, epochClock);
                long global = firstStep + s;
                lr = LearningRateAt(epoch, global);
                if (lr != _appliedLearningRate)
                {
                    int g = 0;
                    foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr * _groupScales[g++];
                    _appliedLearningRate = lr;
                }
                var ctx = new StepContext(epoch, s, global, TotalEpochs, TotalSteps, lr, _context);
                IReadOnlyList<(string Name, double Value)> values;
                using (var scope = NewDisposeScope())
                {
                    _optimizer.zero_grad();
                    var output = _session.TrainStep(ctx);
                    values = Read(output);
                    if (values.FirstOrDefault(v => !double.IsFinite(v.Value)) is { Name: not null } bad)
                    {
                        return Diverged(epoch, s, global, bad.Name, values, lastFinite, epochClock);
                    }
                    output.Loss.backward();
                    if (_settings.GradientClipNorm is { } maxNorm)
                    {
                        double norm = nn.utils.clip_grad_norm_(_parameters, maxNorm);
                        if (!double.IsFinite(norm))
                        {
                            return Diverged(epoch, s, global, "gradient norm", [("gradient norm", norm)], lastFinite, epochClock);
                        }
                    }
                    _optimizer.step();
                    _session.AfterOptimizerStep(ctx);
                }
                FaultInjection.Reach("step");
                losses.Add(values);
                lastFinite = (global, values);
                if (options.Progress is { } progress && (lastReport is null || clock.Elapsed - lastReport.Value >= options.ProgressInterval))
                {
                    lastReport = clock.Elapsed;
                    progress.Report(new TrainingProgress("train", epoch, TotalEpochs, global + 1, TotalSteps, lr, losses.Means(), State.Last?.Metrics, clock.Elapsed));
                }
            }
            double trainSeconds = epochClock.Elapsed.TotalSeconds;
            State.TrainSeconds += trainSeconds;
            State.Epoch = epoch + 1;
            State.Step = firstStep + steps;
            bool final = State.Epoch == TotalEpochs;
            bool evaluate = final || (_settings.EvaluateEvery > 0 && State.Epoch % _settings.EvaluateEvery == 0);
            EvaluationResult? evaluation = null;
            bool isBest = false;
            double evalSeconds = 0;
            if (evaluate)
            {
                options.Progress?.Report(new TrainingProgress("eval", epoch, TotalEpochs, State.Step, TotalSteps, lr, losses.Means(), State.Last?.Metrics, clock.Elapsed));
                var evalClock = Stopwatch.StartNew();
                evaluation = Evaluate(epoch, final);
                FaultInjection.Reach("eval");
                evalSeconds = evalClock.Elapsed.TotalSeconds;
                State.EvalSeconds += evalSeconds;
                isBest = UpdateBest(epoch, evaluation);
            }
            var row = new HistoryRow
            {
                Epoch = epoch,
                Step = State.Step,
                LearningRate = lr,
                Losses = losses.Means(),
                Metrics = evaluation?.Metrics.ToDictionary() ?? [],
                TrainSeconds = trainSeconds,
                EvalSeconds = evalSeconds,
            };
            State.History.Add(row);
            options.EpochCompleted?.Invoke(new EpochReport(State, row, evaluation, isBest, final));
            // The best checkpoint before the resumable one: a run killed in between continues from an earlier epoch and
            // writes this best again when it redoes the epoch; the other order could leave a resume point whose best
            // epoch has no best checkpoint.
            if (isBest && options.BestCheckpointPath is { } bestPath) SaveCheckpoint(bestPath, isResumePoint: false);
            if (options.CheckpointPath is { } path)
            {
                if (final || State.Epoch % _settings.CheckpointEvery == 0) SaveCheckpoint(path);
                else _pending = CaptureCheckpoint(); // in memory: written if the run is stopped before the next checkpoint
            }
            options.Progress?.Report(new TrainingProgress("epoch", epoch, TotalEpochs, State.Step, TotalSteps, lr, row.Losses, State.Last?.Metrics, clock.Elapsed));
            if (final)
            {
                return new TrainingOutcome(RunStatus.Finished, State,
                    $"Finished {TotalEpochs} epochs ({State.Step} steps) in {clock.Elapsed.TotalSeconds:F1} s.", FinalEvaluation: evaluation);
            }
        }
        return new TrainingOutcome(RunStatus.Finished, State, "Nothing to do: the run had already finished.");
    }

    /// <summary>Disposes the optimizer (the session belongs to the caller).</summary>
    public void Dispose() => _optimizer.Dispose();

    private static IReadOnlyList<(string Name, double Value)> Read(StepOutput output)
    {
        var values = new (string, double)[output.Parts.Count + 1];
        values[0] = ("loss", Scalar(output.Loss));
        for (int i = 0; i < output.Parts.Count; i++)
        {
            var (name, tensor) = output.Parts[i];
            if (!CsvText.IsPlainName(name)) throw new InvalidOperationException($"Loss part name '{name}' must not contain commas, quotes or line breaks.");
            values[i + 1] = (name, Scalar(tensor));
        }
        return values;
    }

    /// <summary>The value of a one-element tensor as a double, without a native Scalar for the common float types.</summary>
    private static double Scalar(Tensor t) => t.dtype switch
    {
        ScalarType.Float32 => t.item<float>(),
        ScalarType.Float64 => t.item<double>(),
        _ => t.ToDouble(),
    };
}
