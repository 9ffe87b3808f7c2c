using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.LinearProbe;
using Workbench.Training;
using Workbench.Training.Checkpoints;
using Workbench.Training.Records;
using Workbench.Training.Sessions;
using Workbench.Training.Validation;
using static Workbench.Tests.Training.TrainerHarness;

namespace Workbench.Tests.Training;

[Collection(SerialTorchRng.Name)]
public class TrainerBehaviourTests : SingleThreadedTorchTest
{
    private static readonly ScriptedMethod Method = new();

    private static ScriptedConfig Config(params string[] set) =>
        ConfigOverrides.Apply((ScriptedConfig)Method.CreatePreset(PresetLabel.Smoke), set.Select(ConfigOverride.Parse));

    [Fact]
    public void NaNLoss_StopsAtThatStep_ReportsIt_AndKeepsTheLastCheckpoint()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("last.ckpt");
        var config = Config("nanAtStep=19"); // 8 steps per epoch: epoch 2, step 3
        var r = Train(Method, config, path);

        Assert.Equal(RunStatus.Diverged, r.Outcome.Status);
        var d = r.Outcome.Divergence!;
        Assert.Equal((2, 3, 19L, "loss"), (d.Epoch, d.StepInEpoch, d.GlobalStep, d.Quantity));
        Assert.True(double.IsNaN(d.Values["loss"]));
        Assert.Equal(18L, d.LastFiniteStep);
        Assert.True(d.LastFiniteLosses!.Values.All(double.IsFinite));
        Assert.Equal(["loss", "mse", "l1"], d.LastFiniteLosses.Keys);
        Assert.Equal(2, d.CheckpointEpoch);
        Assert.Equal(path, d.CheckpointPath);
        Assert.Contains("loss is NaN at epoch 2, step 3 of the epoch (global step 19; all 0-based)", r.Outcome.Message);
        Assert.Contains("Last finite losses (global step 18): loss=", r.Outcome.Message);
        Assert.Contains("The last checkpoint (2 completed epochs) is kept", r.Outcome.Message);

        var kept = TrainingCheckpoint.Read(path);
        Assert.Equal(2, kept.Header.State.Epoch);
        Assert.Equal(16, kept.Header.State.Step);
        Assert.Equal(2, r.History.Count);
        // The kept checkpoint resumes and re-diverges at the same step (deterministic), proving it is the pre-divergence state.
        var again = Train(Method, config, path, resume: true);
        Assert.Equal(19L, again.Outcome.Divergence!.GlobalStep);
    }

    [Fact]
    public void NaNGradient_WithClipping_StopsTheRun()
    {
        var r = Train(Method, Config("infGradientAtStep=5", "gradientClipNorm=1"), null);
        Assert.Equal(RunStatus.Diverged, r.Outcome.Status);
        Assert.Equal("gradient norm", r.Outcome.Divergence!.Quantity);
        Assert.Equal(5L, r.Outcome.Divergence.GlobalStep);
        Assert.Null(r.Outcome.Divergence.CheckpointEpoch);
        Assert.Contains("No checkpoint was written", r.Outcome.Message);
    }

    [Fact]
    public void StepLimit_EndsInAPartialEpoch()
    {
        var r = Train(Method, Config("epochs=10", "steps=13"), null);
        Assert.Equal(RunStatus.Finished, r.Outcome.Status);
        Assert.Equal([(0, 8L), (1, 13L)], r.History.Select(h => (h.Epoch, h.Step)));
        Assert.Equal(13, r.Outcome.State.Step);
        Assert.NotEmpty(r.History[1].Metrics);
        var epochsOnly = Train(Method, Config("epochs=3", "steps=null"), null);
        Assert.Equal(24, epochsOnly.Outcome.State.Step);
    }

    [Fact]
    public void Evaluation_RunsEveryNEpochs_AndAfterTheLast()
    {
        var r = Train(Method, Config("epochs=5", "evaluateEvery=2"), null);
        Assert.Equal([false, true, false, true, true], r.History.Select(h => h.Metrics.Count > 0));
        Assert.Equal([1.0, 3.0, 4.0], r.History.Where(h => h.Metrics.Count > 0).Select(h => h.Metrics["epoch"]));
        var onlyEnd = Train(Method, Config("epochs=3", "evaluateEvery=0"), null);
        Assert.Equal([false, false, true], onlyEnd.History.Select(h => h.Metrics.Count > 0));
    }

    [Fact]
    public void BestEpoch_FollowsTheSelectionGoal()
    {
        var min = Train(Method, Config("epochs=6"), null);
        var mses = min.History.Select(h => h.Metrics["mse"]).ToList();
        Assert.Equal(mses.IndexOf(mses.Min()), min.Outcome.State.Best!.Epoch);
        var max = Train(Method, Config("epochs=6", "goal=maximize"), null);
        var mses2 = max.History.Select(h => h.Metrics["mse"]).ToList();
        Assert.Equal(mses2.IndexOf(mses2.Max()), max.Outcome.State.Best!.Epoch);
        Assert.Equal(5, max.Outcome.State.Last!.Epoch);
    }

    [Fact]
    public void LearningRate_FollowsTheSchedulePerEpochOrPerStep()
    {
        var perEpoch = Train(Method, Config("epochs=4", "learningRate=0.01", "schedule.kind=step", "milestones=1,3", "gamma=0.5"), null);
        Assert.Equal([0.01, 0.005, 0.005, 0.0025], perEpoch.History.Select(h => h.LearningRate));
        var perStep = Train(Method, Config("epochs=2", "learningRate=0.01", "schedule.kind=constant", "schedule.unit=step", "warmup=16", "warmupStartFactor=0.5"), null);
        // the row's lr is the lr of the epoch's last step: steps 7 and 15
        Assert.Equal(0.01 * (0.5 + 0.5 * 7 / 16.0), perStep.History[0].LearningRate, 1e-17);
        Assert.Equal(0.01 * (0.5 + 0.5 * 15 / 16.0), perStep.History[1].LearningRate, 1e-17);
    }

    [Fact]
    public void ParameterGroups_KeepTheirMultiplierUnderTheSchedule()
    {
        var config = Config("epochs=2", "learningRate=0.01", "schedule.kind=step", "milestones=1", "gamma=0.5", "headLrMultiplier=10");
        using var streams = new RandomStreams(0);
        var ctx = new SessionContext(torch.CPU, streams);
        using var session = Method.CreateSession(config, ctx);
        using var trainer = new Trainer(session, config.Training, ctx);
        trainer.Run();
        Assert.Equal([0.005, 0.05], trainer.Optimizer.ParamGroups.Select(g => g.LearningRate));
    }

    [Fact]
    public void GradientClipping_BoundsTheUpdate()
    {
        // One plain SGD step with lr 1: the parameter change is exactly the clipped gradient.
        var config = Config("steps=1", "optimizer.kind=sgd", "learningRate=1", "weightDecay=0", "gradientClipNorm=0.001", "dropout=0");
        using var streams = new RandomStreams(0);
        var ctx = new SessionContext(torch.CPU, streams);
        Workbench.Runtime.Seeding.SeedEverything(0);
        using var session = Method.CreateSession(config, ctx);
        var before = session.Model.parameters().Select(p => p.detach().clone()).ToList();
        using var trainer = new Trainer(session, config.Training, ctx);
        trainer.Run();
        double sq = session.Model.parameters().Zip(before).Sum(x => (x.First - x.Second).pow(2).sum().ToDouble());
        Assert.Equal(0.001, Math.Sqrt(sq), 1e-6);
    }

    [Fact]
    public void ZeroTimeBudget_StopsBeforeTheFirstStep_WithTheInitialCheckpoint()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("last.ckpt");
        var r = Train(Method, Config(), path, new TrainerRunOptions { TimeBudget = TimeSpan.Zero });
        Assert.Equal(RunStatus.TimeBudgetExhausted, r.Outcome.Status);
        Assert.Equal(0, r.Outcome.State.Step);
        Assert.Contains("wall-clock budget", r.Outcome.Message);
        Assert.Equal(0, TrainingCheckpoint.Read(path).Header.State.Epoch);
    }

    [Fact]
    public void Progress_IsReportedPerEpoch_WithLossesAndFraction()
    {
        var progress = new SyncProgress(_ => { });
        Train(Method, Config("epochs=2"), null, new TrainerRunOptions { Progress = progress, ProgressInterval = TimeSpan.FromHours(1) });
        var ends = progress.Reports.Where(p => p.Phase == "epoch").ToList();
        Assert.Equal(2, ends.Count);
        Assert.Equal(1.0, ends[^1].Fraction);
        Assert.Equal(["loss", "mse", "l1"], ends[0].Losses.Keys);
        Assert.Contains(progress.Reports, p => p.Phase == "eval");
    }

    [Fact]
    public void Steps_DoNotLeakTensors()
    {
        var live = new List<long>();
        var stats = TorchSharp.DisposeScopeManager.Statistics;
        Train(new LinearProbeMethod(), new LinearProbeMethod().CreatePreset(PresetLabel.Smoke) with { Training = new TrainerSettings { Epochs = 6, EvaluateEvery = 0 } }, null,
            new TrainerRunOptions { EpochCompleted = _ => live.Add(stats.ThreadTotalLiveCount) });
        Assert.Equal(6, live.Count);
        Assert.Equal(live[1], live[^1]);
    }

    [Fact]
    public void ASessionWithoutSteps_IsRefusedClearly()
    {
        var config = Config("samples=4", "batch=8");
        using var streams = new RandomStreams(0);
        var ctx = new SessionContext(torch.CPU, streams);
        Assert.Contains(Method.Validate(config), e => e.Field == "batch");
        Assert.Throws<ConfigValidationException>(() => Method.CreateSession(config, ctx));
    }
}
