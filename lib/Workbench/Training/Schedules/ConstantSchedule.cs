namespace Workbench.Training.Schedules;

/// <summary>Factor 1 at every position.</summary>
public sealed class ConstantSchedule : ILearningRateSchedule
{
    /// <inheritdoc />
    public double Factor(long t) => 1.0;

    /// <inheritdoc />
    public string Describe() => "constant";
}
