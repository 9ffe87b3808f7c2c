using Workbench.Papers.Spq;
using Workbench.Training.Checkpoints;
using Workbench.Training.Schedules;
using Workbench.Training.Sessions;

namespace Workbench.Tests.Papers.Spq;

public class SpqPeriodicCosineScheduleTests
{
    [Theory]
    [InlineData(0, 3e-4)]
    [InlineData(10, 3e-4)]
    [InlineData(205, 0.0)]
    [InlineData(400, 3e-4)]
    [InlineData(595, 0.0)]
    public void SpqPeriodicCosine_MatchesThePaperSchedule_AtKeyEpochs(long epoch, double expected)
    {
        var schedule = SpqPeriodicCosineSchedule.From(new ScheduleSettings { Kind = ScheduleKind.SpqPeriodicCosine });
        Assert.Equal(expected, 3e-4 * schedule.Factor(epoch), 1e-18);
    }

    [Fact]
    public void SpqPeriodicCosine_AtEpoch11_IsTheFirstCosineStep()
    {
        var schedule = new SpqPeriodicCosineSchedule(hold: 10, period: 195);
        // 1.5e-4 (1 + cos(pi/195)) written out by hand: cos(pi/195) = 0.99987020...
        double expected = 1.5e-4 * (1 + Math.Cos(Math.PI / 195));
        Assert.Equal(expected, 3e-4 * schedule.Factor(11), 1e-18);
        Assert.InRange(3e-4 * schedule.Factor(11), 2.99980e-4, 2.99981e-4);
        // Every epoch in between, by the formula of papers.md 2.8.
        for (int e = 0; e <= 800; e++)
        {
            double lr = e <= 10 ? 3e-4 : 1.5e-4 * (1 + Math.Cos(Math.PI * (e - 10) / 195));
            Assert.Equal(lr, 3e-4 * schedule.Factor(e), 1e-18);
        }
    }

    [Fact]
    public void From_AddsTheSettingsWarmup()
    {
        var schedule = SpqPeriodicCosineSchedule.From(new ScheduleSettings { Kind = ScheduleKind.SpqPeriodicCosine, Warmup = 4, WarmupStartFactor = 0.5 });
        Assert.IsType<LinearWarmupSchedule>(schedule);
        Assert.Equal(0.5, schedule.Factor(0), 1e-15);
        Assert.Equal(1.0, schedule.Factor(10), 1e-15);
    }

    [Fact]
    public void TheSpqSession_BuildsItsScheduleForTheTrainer_AndLeavesOtherKindsToTheCore()
    {
        var official = SpqTestConfigs.Tiny(SpqVariants.Official);
        using var streams = new RandomStreams(3);
        using var session = new SpqSession(official, new SessionContext(CPU, streams));
        var schedule = session.CreateSchedule(official.Training.Schedule, 3000);
        Assert.IsType<SpqPeriodicCosineSchedule>(schedule);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI / 195)), schedule.Factor(11), 15);
        Assert.IsType<CosineSchedule>(session.CreateSchedule(new ScheduleSettings { Kind = ScheduleKind.Cosine }, 30));
    }
}
