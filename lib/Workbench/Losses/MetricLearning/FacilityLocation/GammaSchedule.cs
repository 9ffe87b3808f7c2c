namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>
/// The margin multiplier γ of the facility-location loss and its exponential decay
/// (papers.md 3.4): γ(step) = γ₀ · rate^(step / interval), the exponent floored when
/// <see cref="Staircase"/> (TF's <c>exponential_decay(…, staircase=True)</c>).
/// </summary>
/// <remarks>
/// The paper reports a decay rate of 0.94; γ₀ and the interval were not recovered from it, so the
/// defaults (γ₀ = 1, every 1 000 steps) are workbench choices that presets should set explicitly.
/// γ is on the scale of summed distances over the batch (the loss is a sum, not a mean).
/// </remarks>
/// <param name="Initial">γ₀ ≥ 0.</param>
/// <param name="DecayRate">Multiplicative rate per interval, in (0, 1]; default 0.94.</param>
/// <param name="DecaySteps">The interval in optimiser steps, ≥ 1; default 1 000.</param>
/// <param name="Staircase">Floor the exponent (decay in steps), default true.</param>
public sealed record GammaSchedule(double Initial = 1.0, double DecayRate = 0.94, long DecaySteps = 1000, bool Staircase = true)
{
    /// <summary>A γ that never decays.</summary>
    public static GammaSchedule Constant(double gamma) => new(gamma, 1.0, 1, true);

    /// <summary>γ at optimiser step <paramref name="step"/> (0-based).</summary>
    /// <exception cref="ArgumentException">A negative step or an invalid schedule.</exception>
    public double ValueAt(long step)
    {
        Validate();
        if (step < 0) throw new ArgumentException($"Step must be ≥ 0, got {step}.", nameof(step));
        double exponent = Staircase ? step / DecaySteps : (double)step / DecaySteps;
        return Initial * Math.Pow(DecayRate, exponent);
    }

    /// <summary>Checks the parameters.</summary>
    /// <exception cref="ArgumentException">γ₀ &lt; 0 or not finite, rate outside (0, 1], interval &lt; 1.</exception>
    public void Validate()
    {
        if (!(Initial >= 0) || double.IsInfinity(Initial)) throw new ArgumentException($"γ₀ must be finite and ≥ 0, got {Initial}.");
        if (!(DecayRate > 0 && DecayRate <= 1)) throw new ArgumentException($"The γ decay rate must be in (0, 1], got {DecayRate}.");
        if (DecaySteps < 1) throw new ArgumentException($"The γ decay interval must be ≥ 1 step, got {DecaySteps}.");
    }
}
