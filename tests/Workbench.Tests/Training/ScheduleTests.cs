using Workbench.Training.Schedules;

namespace Workbench.Tests.Training;

public class ScheduleTests
{
    private const double Tol = 1e-15;

    [Fact]
    public void SpqPeriodicCosine_IsNotBuiltByTheCore()
    {
        // SPQ's shape lives in Papers/Spq; the core names the kind (it is in recorded configs) but refuses to build it.
        var error = Assert.Throws<NotSupportedException>(() => new ScheduleSettings { Kind = ScheduleKind.SpqPeriodicCosine }.Build(5000));
        Assert.Contains("only the spq method builds it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosine_IsUcdirsHalfCosine_AndClampsAtTheEnd()
    {
        var s = new CosineSchedule(200);
        Assert.Equal(1.0, s.Factor(0), Tol);
        Assert.Equal(0.5, s.Factor(100), Tol);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 37 / 200)), s.Factor(37), Tol);
        Assert.Equal(0.0, s.Factor(200), Tol);
        Assert.Equal(0.0, s.Factor(250), Tol);
        var floor = new CosineSchedule(10, minFactor: 0.1);
        Assert.Equal(0.1 + 0.9 * 0.5, floor.Factor(5), Tol);
        Assert.Equal(0.1, floor.Factor(10), Tol);
    }

    [Fact]
    public void Cosine_DefaultsItsPeriodToTheRunLength()
    {
        var s = new ScheduleSettings { Kind = ScheduleKind.Cosine }.Build(40);
        Assert.Equal(0.5, s.Factor(20), Tol);
    }

    [Fact]
    public void Step_MultipliesByGammaAtEachMilestone()
    {
        var s = new ScheduleSettings { Kind = ScheduleKind.Step, Milestones = [160, 120], Gamma = 0.1 }.Build(200);
        Assert.Equal(1.0, s.Factor(0), Tol);
        Assert.Equal(1.0, s.Factor(119), Tol);
        Assert.Equal(0.1, s.Factor(120), Tol);
        Assert.Equal(0.1, s.Factor(159), Tol);
        Assert.Equal(0.01, s.Factor(160), 1e-17);
    }

    [Fact]
    public void Warmup_RisesLinearlyFromTheStartFactor_ThenHandsOver()
    {
        var s = new ScheduleSettings { Warmup = 4, WarmupStartFactor = 0.2 }.Build(10);
        Assert.Equal(0.2, s.Factor(0), Tol);
        Assert.Equal(0.4, s.Factor(1), Tol);
        Assert.Equal(0.6, s.Factor(2), Tol);
        Assert.Equal(0.8, s.Factor(3), Tol);
        Assert.Equal(1.0, s.Factor(4), Tol);
        Assert.Equal(1.0, s.Factor(9), Tol);
        var withCosine = new ScheduleSettings { Kind = ScheduleKind.Cosine, Warmup = 5, WarmupStartFactor = 0.1 }.Build(100);
        Assert.Equal((0.1 + 0.9 * 2 / 5.0) * 0.5 * (1 + Math.Cos(Math.PI * 2 / 100)), withCosine.Factor(2), Tol);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 5 / 100)), withCosine.Factor(5), Tol);
    }

    [Fact]
    public void BadScheduleArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule([10], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmupSchedule(new ConstantSchedule(), 5, 0));
    }
}
