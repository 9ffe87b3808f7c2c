using TorchSharp;
using Workbench.Training.Optimizers;
using Workbench.Training.Schedules;
using static TorchSharp.torch;

namespace Workbench.Training.Sessions;

/// <summary>
/// One method's model, data and step logic for one run, built by
/// <c>IExperimentMethod.CreateSession</c> (Experiments). The <see cref="Training.Trainer"/> owns the loop: per
/// epoch it calls <see cref="BeginEpoch"/>, then per step (inside a fresh dispose scope, after
/// <c>zero_grad</c>) <see cref="TrainStep"/>, back-propagates the loss, clips, steps the optimizer and
/// calls <see cref="AfterOptimizerStep"/>; on schedule it calls <see cref="Evaluate"/> under
/// <c>no_grad</c> with the model in eval mode.
/// Resume contract: everything random must come from <see cref="SessionContext.Random"/> or torch's
/// default generator (both are checkpointed), and any state that is neither a module parameter or
/// buffer nor rebuilt by <see cref="BeginEpoch"/> goes through <see cref="SaveState"/>/<see cref="LoadState"/>.
/// </summary>
public abstract class TrainingSession : IDisposable
{
    private bool _disposed;

    /// <summary>The module holding every trained parameter and buffer; saved whole in checkpoints.</summary>
    public abstract nn.Module Model { get; }

    /// <summary>Optimizer steps (batches) per epoch (≥ 1).</summary>
    public abstract int StepsPerEpoch { get; }

    /// <summary>The metric that picks the best epoch, or null to take the last evaluation.</summary>
    public virtual MetricSelection? Selection => null;

    /// <summary>Parameters the optimizer updates (default: the model's parameters that require gradients).</summary>
    public virtual IEnumerable<TorchSharp.Modules.Parameter> TrainableParameters => Model.parameters().Where(p => p.requires_grad);

    /// <summary>
    /// Builds the optimizer (default: <see cref="OptimizerFactory"/> over <see cref="TrainableParameters"/>).
    /// Override for parameter groups: a group created with rate r·(settings rate) keeps the multiplier r
    /// under the schedule.
    /// </summary>
    public virtual optim.Optimizer CreateOptimizer(OptimizerSettings settings) => OptimizerFactory.Create(settings, TrainableParameters);

    /// <summary>
    /// Builds the learning-rate schedule for a run of <paramref name="runLength"/> positions (default:
    /// <see cref="ScheduleSettings.Build"/>). Override to provide a method's own shape (SPQ's periodic cosine).
    /// </summary>
    public virtual ILearningRateSchedule CreateSchedule(ScheduleSettings settings, long runLength)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Build(runLength);
    }

    /// <summary>Called before each epoch (e.g. draw the epoch's order, recompute cluster prototypes). Runs inside a dispose scope.</summary>
    public virtual void BeginEpoch(EpochContext context) { }

    /// <summary>Computes the loss of one batch. Runs with gradients enabled, inside the step's dispose scope.</summary>
    public abstract StepOutput TrainStep(StepContext context);

    /// <summary>Called after the optimizer step (e.g. momentum-encoder update). Runs inside the step's dispose scope.</summary>
    public virtual void AfterOptimizerStep(StepContext context) { }

    /// <summary>Evaluates the model. Runs under <c>no_grad</c>, model in eval mode, inside a dispose scope.</summary>
    public abstract EvaluationResult Evaluate(EvaluationContext context);

    /// <summary>Writes method state that is not in <see cref="Model"/> (default: nothing).</summary>
    public virtual void SaveState(BinaryWriter writer) { }

    /// <summary>Reads what <see cref="SaveState"/> wrote (default: nothing).</summary>
    public virtual void LoadState(BinaryReader reader) { }

    /// <summary>Disposes the model and the session's tensors.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the session's tensors; the base disposes <see cref="Model"/>.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Model.Dispose();
    }
}
