using Workbench.Training.Optimizers;
using Workbench.Training.Schedules;
using Workbench.Training.Validation;

namespace Workbench.Training;

/// <summary>
/// How long and how a method trains: run length, optimizer, learning-rate schedule, clipping,
/// evaluation and checkpoint cadence. Part of every method's configuration (<c>training.*</c>).
/// </summary>
public sealed record TrainerSettings
{
    /// <summary>Epochs to train (null: only <see cref="Steps"/> limits the run). When both are set, the run stops at whichever comes first.</summary>
    public int? Epochs { get; init; } = 10;

    /// <summary>Optimizer steps to train (null: only <see cref="Epochs"/> limits the run).</summary>
    public long? Steps { get; init; }

    /// <summary>Optimizer and its hyper-parameters.</summary>
    public OptimizerSettings Optimizer { get; init; } = new();

    /// <summary>Learning-rate schedule.</summary>
    public ScheduleSettings Schedule { get; init; } = new();

    /// <summary>Clip the global L2 norm of the gradients to this value (null = no clipping).</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Evaluate every N epochs and always after the last one (0 = only after the last; default 1).</summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>Write a resumable checkpoint every N epochs and after the last one (default 1).</summary>
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>Adds every problem to <paramref name="errors"/> (field names relative to this record).</summary>
    public void Validate(ConfigErrors errors)
    {
        if (Epochs is null && Steps is null)
        {
            errors.Add("epochs", "set training.epochs or training.steps (or both: the run stops at whichever comes first).");
        }
        errors.Require(Epochs is null or >= 1, "epochs", $"must be at least 1 (got {Epochs}).");
        errors.Require(Steps is null or >= 1, "steps", $"must be at least 1 (got {Steps}).");
        errors.Require(GradientClipNorm is null || (double.IsFinite(GradientClipNorm.Value) && GradientClipNorm > 0),
            "gradientClipNorm", $"must be positive, or null for no clipping (got {GradientClipNorm}).");
        errors.Require(EvaluateEvery >= 0, "evaluateEvery", $"must be ≥ 0 (got {EvaluateEvery}); 0 evaluates only after the last epoch.");
        errors.Require(CheckpointEvery >= 1, "checkpointEvery", $"must be at least 1 (got {CheckpointEvery}).");
        Optimizer.Validate(errors.Scope("optimizer"));
        Schedule.Validate(errors.Scope("schedule"));
        if (Schedule is { Kind: Schedules.ScheduleKind.Cosine, Unit: Schedules.ScheduleUnit.Epoch, Period: { } period } && Epochs is { } epochs && period < epochs)
        {
            errors.Scope("schedule").Add("period", $"the cosine ends at epoch {period}, but training.epochs is {epochs}: the learning rate would stay at " +
                $"minFactor for the last {epochs - period} epochs. Leave schedule.period unset to anneal over the whole run, or set it to at least {epochs}.");
        }
    }

    /// <summary>Epochs the run covers given the method's steps per epoch (the last one may be partial when <see cref="Steps"/> limits it).</summary>
    public int TotalEpochs(int stepsPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        long fromSteps = Steps is { } s ? (s + stepsPerEpoch - 1) / stepsPerEpoch : long.MaxValue;
        return (int)Math.Min(Epochs ?? long.MaxValue, fromSteps);
    }

    /// <summary>Optimizer steps the run covers given the method's steps per epoch.</summary>
    public long TotalSteps(int stepsPerEpoch) =>
        Math.Min(Steps ?? long.MaxValue, Epochs is { } e ? (long)e * stepsPerEpoch : long.MaxValue);
}
