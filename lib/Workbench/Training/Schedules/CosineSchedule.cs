namespace Workbench.Training.Schedules;

/// <summary>
/// Half-cosine annealing: f(t) = m + (1 − m)·½(1 + cos(π·t/T)) for 0 ≤ t ≤ T and m past T, with
/// m = <see cref="MinFactor"/>. With m = 0 and T = 200 epochs this is UCDIR's (MoCo's)
/// <c>lr·½(1+cos(π e/200))</c> evaluated at the 0-based epoch e.
/// </summary>
public sealed class CosineSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="period">T, positions until the minimum is reached (≥ 1).</param>
    /// <param name="minFactor">m, the floor as a fraction of the base rate (0 ≤ m ≤ 1).</param>
    public CosineSchedule(long period, double minFactor = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (minFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(minFactor), minFactor, "must be in [0, 1].");
        Period = period;
        MinFactor = minFactor;
    }

    /// <summary>T.</summary>
    public long Period { get; }

    /// <summary>m.</summary>
    public double MinFactor { get; }

    /// <inheritdoc />
    public double Factor(long t)
    {
        if (t <= 0) return 1.0;
        if (t >= Period) return MinFactor;
        return MinFactor + (1 - MinFactor) * 0.5 * (1 + Math.Cos(Math.PI * t / Period));
    }

    /// <inheritdoc />
    public string Describe() => $"cosine: {MinFactor} + (1 - {MinFactor})*0.5*(1 + cos(pi*t/{Period}))";
}
