namespace Workbench.Training.Schedules;

/// <summary>The learning-rate schedule shapes (a linear warm-up can be added to any of them).</summary>
public enum ScheduleKind
{
    /// <summary>Factor 1 throughout.</summary>
    Constant,

    /// <summary>Half cosine from 1 down to <c>minFactor</c> over <c>period</c> (default: the run length): ½(1+cos(π t/T)) (UCDIR).</summary>
    Cosine,

    /// <summary>Multiply by <c>gamma</c> at each milestone (PyTorch MultiStepLR).</summary>
    Step,

    /// <summary>SPQ's official schedule: 1 for t ≤ hold, then ½(1+cos(π (t−hold)/T)) unclamped, so periodic with period 2T.</summary>
    SpqPeriodicCosine,
}
