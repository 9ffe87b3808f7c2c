namespace Workbench.Training.Schedules;

/// <summary>
/// Step decay (PyTorch MultiStepLR in closed form): f(t) = γ^(number of milestones ≤ t).
/// </summary>
public sealed class StepSchedule : ILearningRateSchedule
{
    private readonly long[] _milestones;

    /// <summary>Creates the schedule.</summary>
    /// <param name="milestones">Positions at which the rate is multiplied by γ (non-negative; sorted here).</param>
    /// <param name="gamma">γ &gt; 0.</param>
    public StepSchedule(IEnumerable<long> milestones, double gamma)
    {
        if (!(gamma > 0)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "must be positive.");
        _milestones = milestones.Order().ToArray();
        if (_milestones.Any(m => m < 0)) throw new ArgumentOutOfRangeException(nameof(milestones), "milestones must be ≥ 0.");
        Gamma = gamma;
    }

    /// <summary>γ.</summary>
    public double Gamma { get; }

    /// <summary>The milestones, ascending.</summary>
    public IReadOnlyList<long> Milestones => _milestones;

    /// <inheritdoc />
    public double Factor(long t)
    {
        int passed = 0;
        foreach (long m in _milestones)
        {
            if (m <= t) passed++;
        }
        return Math.Pow(Gamma, passed);
    }

    /// <inheritdoc />
    public string Describe() => $"step: {Gamma}^(#milestones <= t), milestones [{string.Join(", ", _milestones)}]";
}
