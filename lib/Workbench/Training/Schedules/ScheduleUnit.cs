namespace Workbench.Training.Schedules;

/// <summary>What the schedule position <c>t</c> counts; every length of the schedule is in this unit.</summary>
public enum ScheduleUnit
{
    /// <summary>0-based epoch index; the rate changes once per epoch (PyTorch's <c>scheduler.step()</c> after each epoch).</summary>
    Epoch,

    /// <summary>0-based global optimizer step; the rate changes every step.</summary>
    Step,
}
