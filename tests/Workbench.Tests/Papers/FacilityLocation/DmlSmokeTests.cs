using Workbench.Experiments;
using Workbench.Papers.FacilityLocation;
using Workbench.Training.Checkpoints;
using Workbench.Training.Optimizers;
using Workbench.Training.Sessions;

namespace Workbench.Tests.Papers.FacilityLocation;

public sealed class DmlSmokeTests
{
    /// <summary>
    /// The smoke session of each loss (synthetic shapes, the real network, sampler and loss) lowers
    /// its own loss: a few RMSprop steps on one class-balanced batch of 8 images must reduce it.
    /// </summary>
    [Theory]
    [InlineData("triplet-semihard")]
    [InlineData("lifted-structured")]
    [InlineData("npair-mc")]
    [InlineData("facility-location")]
    [InlineData("contrastive")]
    public void ASmokeRunOfEachLossLowersIt(string loss)
    {
        var config = DmlPresets.Smoke with { Loss = loss };
        using var streams = new RandomStreams(config.Seed);
        var context = new SessionContext(CPU, streams);
        using var session = new DmlSession(config, context);
        session.BeginEpoch(new EpochContext(0, 1, 0, 10, 10, 1e-3, context));
        var optimizer = OptimizerFactory.Create(config.Training.Optimizer, session.TrainableParameters);
        session.Model.train();
        double first = double.NaN, last = double.NaN;
        for (int step = 0; step < 12; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var output = session.TrainStep(new StepContext(0, 0, step, 1, 12, 1e-3, context)); // always batch 0
            double value = output.Loss.ToDouble();
            if (step == 0) first = value;
            last = value;
            output.Loss.backward();
            optimizer.step();
        }
        Assert.True(double.IsFinite(first) && first > 0, $"{loss}: the first loss should be positive, got {first}.");
        Assert.True(last < first, $"{loss}: loss did not fall on its batch ({first} → {last}).");
    }

    [Fact]
    public void TheSmokeSessionSplitsTheClassesAndEvaluates()
    {
        var config = DmlPresets.Smoke;
        using var streams = new RandomStreams(config.Seed);
        var context = new SessionContext(CPU, streams);
        using var session = new DmlSession(config, context);
        Assert.Equal(6, session.Data.Train.ClassNames.Count);
        Assert.Equal(4, session.Data.Test.ClassNames.Count);
        Assert.Empty(session.Data.Train.ClassNames.Intersect(session.Data.Test.ClassNames));
        session.Model.eval();
        using var scope = NewDisposeScope();
        var result = session.Evaluate(new EvaluationContext(0, 0, false, context));
        Assert.Equal(["NMI", "R@1", "R@2", "R@4", "R@8", "health.spread", "health.effective rank", "health.dead dims"], result.Metrics.Keys);
        Assert.All(result.Metrics.Where(kv => kv.Key != "health.effective rank").Select(kv => kv.Value), v => Assert.InRange(v, 0, 1));
        Assert.InRange(result.Metrics["health.effective rank"], 1, 64);
        Assert.Equal(session.Data.Test.Count, result.PerQuery!.Rows.Count);
        Assert.IsType<Workbench.Losses.MetricLearning.FacilityLocation.FacilityLocationLoss>(session.Loss);
    }
}
