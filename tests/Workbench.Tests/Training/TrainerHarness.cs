using Workbench.Experiments;
using Workbench.Runtime;
using Workbench.Training;
using Workbench.Training.Checkpoints;
using Workbench.Training.Records;
using Workbench.Training.Sessions;

namespace Workbench.Tests.Training;

/// <summary>Runs a method through the <see cref="Trainer"/> the way the runner does, one "process" per call.</summary>
internal static class TrainerHarness
{
    public sealed record Result(TrainingOutcome Outcome, Dictionary<string, Tensor> Weights, List<HistoryRow> History, int BeginEpochCalls);

    public static Result Train(IExperimentMethod method, ExperimentConfig config, string? checkpointPath, TrainerRunOptions? options = null,
        bool resume = false, Func<TrainingCheckpoint, TrainingCheckpoint>? tamper = null)
    {
        // A new process starts with a fresh default generator; make it different from the seed's on purpose.
        torch.manual_seed(987654321);
        Seeding.SeedEverything(config.Seed);
        using var streams = new RandomStreams(config.Seed);
        var context = new SessionContext(torch.CPU, streams);
        using var session = method.CreateSession(config, context);
        TrainingCheckpoint? checkpoint = null;
        if (resume)
        {
            checkpoint = TrainingCheckpoint.Read(checkpointPath!);
            if (tamper is not null) checkpoint = tamper(checkpoint);
        }
        using var trainer = new Trainer(session, config.Training, context, checkpoint);
        var outcome = trainer.Run((options ?? new TrainerRunOptions()) with { CheckpointPath = checkpointPath });
        var weights = session.Model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        int calls = session is ScriptedSession s ? s.BeginEpochCalls : -1;
        return new Result(outcome, weights, trainer.State.History.ToList(), calls);
    }

    public static void AssertSameWeights(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, e) in expected)
        {
            var a = actual[name];
            Assert.Equal(e.shape, a.shape);
            Assert.True(e.eq(a).all().item<bool>(), $"parameter {name} differs (max |diff| {(e - a).abs().max().ToDouble():R})");
        }
    }

    public static bool SameWeights(Dictionary<string, Tensor> a, Dictionary<string, Tensor> b) =>
        a.All(kv => kv.Value.eq(b[kv.Key]).all().item<bool>());

    /// <summary>Same history: epochs, steps, learning rates, losses and metrics bit for bit (times excluded).</summary>
    public static void AssertSameHistory(IReadOnlyList<HistoryRow> expected, IReadOnlyList<HistoryRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Epoch, actual[i].Epoch);
            Assert.Equal(expected[i].Step, actual[i].Step);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i].LearningRate), BitConverter.DoubleToInt64Bits(actual[i].LearningRate));
            Assert.Equal(expected[i].Losses.ToArray(), actual[i].Losses.ToArray());
            Assert.Equal(expected[i].Metrics.OrderBy(k => k.Key).ToArray(), actual[i].Metrics.OrderBy(k => k.Key).ToArray());
        }
    }
}
