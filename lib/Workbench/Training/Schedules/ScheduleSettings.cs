using Workbench.Training.Validation;

namespace Workbench.Training.Schedules;

/// <summary>
/// The learning-rate schedule of a run: a shape (<see cref="Kind"/>), the unit its position counts
/// (<see cref="Unit"/>), and an optional linear warm-up. Every length is in <see cref="Unit"/>s.
/// </summary>
public sealed record ScheduleSettings
{
    /// <summary>Shape (default constant).</summary>
    public ScheduleKind Kind { get; init; } = ScheduleKind.Constant;

    /// <summary>What t counts (default epochs).</summary>
    public ScheduleUnit Unit { get; init; } = ScheduleUnit.Epoch;

    /// <summary>Cosine: positions to the minimum (null = the run's length). SPQ periodic cosine: T (null = 195).</summary>
    public long? Period { get; init; }

    /// <summary>Floor of cosine shapes as a fraction of the base rate (default 0).</summary>
    public double MinFactor { get; init; }

    /// <summary>Step shape: positions where the rate is multiplied by <see cref="Gamma"/>.</summary>
    public IReadOnlyList<long> Milestones { get; init; } = [];

    /// <summary>Step shape: the multiplier (default 0.1).</summary>
    public double Gamma { get; init; } = 0.1;

    /// <summary>SPQ periodic cosine: positions held at the base rate, inclusive (default 10).</summary>
    public long Hold { get; init; } = 10;

    /// <summary>Linear warm-up length (default 0 = none).</summary>
    public long Warmup { get; init; }

    /// <summary>Warm-up factor at t = 0 (default 0.1).</summary>
    public double WarmupStartFactor { get; init; } = 0.1;

    /// <summary>Adds every problem to <paramref name="errors"/> (field names relative to this record).</summary>
    public void Validate(ConfigErrors errors)
    {
        errors.Require(Period is null or >= 1, "period", $"must be at least 1 (got {Period}).");
        errors.Require(MinFactor is >= 0 and <= 1, "minFactor", $"must be in [0, 1] (got {MinFactor}).");
        errors.Require(double.IsFinite(Gamma) && Gamma > 0, "gamma", $"must be positive (got {Gamma}).");
        errors.Require(Milestones.All(m => m >= 0), "milestones", "must all be ≥ 0.");
        errors.Require(Hold >= 0, "hold", $"must be ≥ 0 (got {Hold}).");
        errors.Require(Warmup >= 0, "warmup", $"must be ≥ 0 (got {Warmup}).");
        errors.Require(WarmupStartFactor is > 0 and <= 1, "warmupStartFactor", $"must be in (0, 1] (got {WarmupStartFactor}).");
        if (Kind == ScheduleKind.Step) errors.Require(Milestones.Count > 0, "milestones", "kind=step needs at least one milestone, e.g. --set schedule.milestones=120,160.");
    }

    /// <summary>
    /// Builds the schedule for a run of <paramref name="runLength"/> positions (epochs or steps, per <see cref="Unit"/>).
    /// <see cref="ScheduleKind.SpqPeriodicCosine"/> is SPQ's own shape: the SPQ session builds it
    /// (<c>Papers/Spq/SpqPeriodicCosineSchedule</c>, through <c>TrainingSession.CreateSchedule</c>).
    /// </summary>
    /// <exception cref="NotSupportedException">A paper's own shape that the core does not build.</exception>
    public ILearningRateSchedule Build(long runLength)
    {
        ILearningRateSchedule shape = Kind switch
        {
            ScheduleKind.Constant => new ConstantSchedule(),
            ScheduleKind.Cosine => new CosineSchedule(Period ?? Math.Max(1, runLength), MinFactor),
            ScheduleKind.Step => new StepSchedule(Milestones, Gamma),
            ScheduleKind.SpqPeriodicCosine => throw new NotSupportedException(
                "schedule.kind=spqPeriodicCosine is SPQ's schedule; only the spq method builds it. Use cosine, step or constant for other methods."),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown schedule kind."),
        };
        return WithWarmup(shape);
    }

    /// <summary><paramref name="shape"/> behind the linear warm-up of <see cref="Warmup"/> positions (unchanged when 0).</summary>
    public ILearningRateSchedule WithWarmup(ILearningRateSchedule shape) =>
        Warmup > 0 ? new LinearWarmupSchedule(shape, Warmup, WarmupStartFactor) : shape;
}
