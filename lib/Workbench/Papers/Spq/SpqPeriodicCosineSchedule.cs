using Workbench.Training.Schedules;

namespace Workbench.Papers.Spq;

/// <summary>
/// SPQ's official learning-rate schedule (papers.md 2.3 and 2.8): PyTorch's CosineAnnealingLR with
/// T_max = 195 (meant as iterations per epoch) stepped once per epoch and only after epoch 10, in
/// closed form: f(e) = 1 for e ≤ hold, else m + (1 − m)·½(1 + cos(π·(e − hold)/T)). The cosine is not
/// clamped, so the rate reaches m at e = hold + T and climbs back to the base at hold + 2T (period 2T).
/// With base 3e-4, hold 10, T 195, m 0: lr(e) = 3e-4 for e ≤ 10, else 1.5e-4·(1 + cos(π(e − 10)/195)).
/// </summary>
public sealed class SpqPeriodicCosineSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="hold">Positions held at the base rate, inclusive (SPQ: 10).</param>
    /// <param name="period">T, the half-period of the cosine (SPQ: 195).</param>
    /// <param name="minFactor">m, the trough as a fraction of the base rate (SPQ: 0).</param>
    public SpqPeriodicCosineSchedule(long hold = 10, long period = 195, double minFactor = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hold);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (minFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(minFactor), minFactor, "must be in [0, 1].");
        Hold = hold;
        Period = period;
        MinFactor = minFactor;
    }

    /// <summary>Positions held at the base rate (inclusive).</summary>
    public long Hold { get; }

    /// <summary>T.</summary>
    public long Period { get; }

    /// <summary>m.</summary>
    public double MinFactor { get; }

    /// <summary>
    /// The schedule <paramref name="settings"/> describe when their kind is
    /// <see cref="ScheduleKind.SpqPeriodicCosine"/> (hold, period T default 195, minFactor m, warm-up).
    /// </summary>
    public static ILearningRateSchedule From(ScheduleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.WithWarmup(new SpqPeriodicCosineSchedule(settings.Hold, settings.Period ?? 195, settings.MinFactor));
    }

    /// <inheritdoc />
    public double Factor(long t) =>
        t <= Hold ? 1.0 : MinFactor + (1 - MinFactor) * 0.5 * (1 + Math.Cos(Math.PI * (t - Hold) / Period));

    /// <inheritdoc />
    public string Describe() => $"spq periodic cosine: 1 for t <= {Hold}, else {MinFactor} + (1 - {MinFactor})*0.5*(1 + cos(pi*(t-{Hold})/{Period}))";
}
