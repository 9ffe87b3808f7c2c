namespace Workbench.Training.Schedules;

/// <summary>
/// A learning-rate schedule in closed form: the factor that multiplies the optimizer's base learning
/// rate at position <c>t</c> (0-based epoch or global step, per <see cref="ScheduleUnit"/>). Closed
/// forms make the schedule position part of the checkpoint for free: resuming at <c>t</c> gives
/// exactly the rate an uninterrupted run has there.
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>Multiplier of the base learning rate at 0-based position <paramref name="t"/>.</summary>
    double Factor(long t);

    /// <summary>A one-line formula for manifests and logs.</summary>
    string Describe();
}
