namespace Workbench.Training.Schedules;

/// <summary>
/// Linear warm-up multiplied onto another schedule (PyTorch's LinearLR chained with it):
/// f(t) = inner(t)·(s + (1 − s)·t/W) for t &lt; W, and inner(t) afterwards, with s the start
/// factor and W the warm-up length. The product is continuous at t = W.
/// </summary>
public sealed class LinearWarmupSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="inner">The schedule after (and under) the warm-up.</param>
    /// <param name="length">W ≥ 1 positions of warm-up.</param>
    /// <param name="startFactor">s in (0, 1], the factor at t = 0.</param>
    public LinearWarmupSchedule(ILearningRateSchedule inner, long length, double startFactor)
    {
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (startFactor is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "must be in (0, 1].");
        Length = length;
        StartFactor = startFactor;
    }

    /// <summary>The wrapped schedule.</summary>
    public ILearningRateSchedule Inner { get; }

    /// <summary>W.</summary>
    public long Length { get; }

    /// <summary>s.</summary>
    public double StartFactor { get; }

    /// <inheritdoc />
    public double Factor(long t)
    {
        double warm = t >= Length ? 1.0 : StartFactor + (1 - StartFactor) * Math.Max(t, 0) / (double)Length;
        return warm * Inner.Factor(t);
    }

    /// <inheritdoc />
    public string Describe() => $"linear warm-up over {Length} from {StartFactor} × ({Inner.Describe()})";
}
