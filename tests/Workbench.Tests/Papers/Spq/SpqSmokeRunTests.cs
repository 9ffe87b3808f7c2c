using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Models.Heads;
using Workbench.Papers.Spq;
using Workbench.Papers.Spq.Evaluation;
using Workbench.Retrieval;
using Workbench.Tests.Training;
using Workbench.Training.Records;
using Workbench.Training.Sessions;

namespace Workbench.Tests.Papers.Spq;

/// <summary>A tiny SPQ run end to end on the shared trainer: records, loss, codes, evaluation.</summary>
public sealed class SpqSmokeRunTests
{
    [Fact]
    public void ASmokeRunLowersTheLossAndItsCodesRoundTripThroughThePqIndex()
    {
        using var dir = new TempDirectory();
        var store = new RunStore(dir.Path);
        var runner = new ExperimentRunner(ExperimentRegistry.Default, store);
        var config = SpqTestConfigs.Tiny();
        var experiment = new ResolvedExperiment(new SpqMethod(), PresetLabel.Smoke, config, [], ConfigHash.Compute("spq", PresetLabel.Smoke, config));
        var result = runner.Run(experiment);

        Assert.Equal(RunStatus.Finished, result.Status);
        var history = HistoryCsv.Read(Path.Combine(result.Directory, RunFiles.History));
        Assert.Equal(8, history.Count);
        double first = history[0].Losses["loss"], last = history[^1].Losses["loss"];
        Assert.True(last < first - 0.05, $"The CQC loss should fall over 8 epochs: {first:F4} -> {last:F4}.");
        Assert.True(history.All(h => h.Losses.ContainsKey("qerr")));
        var metrics = result.Metrics!.Final!.Metrics;
        Assert.InRange(metrics["mAP@20"], 0.0, 1.0);
        Assert.InRange(metrics["mAP@all"], 0.0, 1.0);

        // The saved index holds the model's own codes and codebooks.
        var index = PqIndex.Load(Path.Combine(result.Directory, SpqRunFiles.Index));
        Assert.Equal(16.0, index.Quantizer.CodeBits);
        using var session = new SpqSession(config, new SessionContext(CPU, new Workbench.Training.Checkpoints.RandomStreams(0)));
        var checkpoint = Workbench.Training.Checkpoints.TrainingCheckpoint.Read(Path.Combine(result.Directory, RunFiles.LastCheckpoint));
        using (var reader = new BinaryReader(new MemoryStream(checkpoint.Model))) session.Model.load(reader);
        session.Model.eval();
        var head = session.Network.Head;
        var database = DescriptorEncoder.Encode(session.Network.Descriptor, session.Data.Database, 64);
        var codes = head.Encode(database);
        Assert.Equal(codes.to(ScalarType.Byte).data<byte>().ToArray(), index.GetCodes());
        Assert.Equal(head.SubCodebooks().data<float>().ToArray(), index.Quantizer.Codebooks.ToArray());

        // Decoding through the index's quantizer equals the head's hard reconstruction, and a decoded item is at ADC distance 0.
        var decoded = index.Quantizer.Decode(codes);
        var expected = SoftQuantizer.Decode(codes, head.Codebook.detach(), head.Codebooks);
        Assert.True(decoded.allclose(expected, rtol: 0, atol: 1e-6));
        var hits = index.Search(decoded.narrow(0, 5, 1), 1);
        Assert.Equal(0f, hits.ScoresOf(0)[0], 4);
        Assert.Equal(codes[5], codes[hits.IdsOf(0)[0]]);

        // Re-evaluating the restored model reproduces the recorded final metrics.
        var again = session.EvaluateRetrieval(mapAll: true);
        Assert.Equal(metrics["mAP@20"], again.Metrics["mAP@20"], 12);
        Assert.Equal(metrics["mAP@all"], again.Metrics["mAP@all"], 12);
        Assert.Equal(session.Data.Queries.Count, File.ReadLines(Path.Combine(result.Directory, RunFiles.PerQuery)).Count() - 1);
    }

    [Fact]
    public void TheSameSeedTrainsTheSameModel()
    {
        var config = SpqTestConfigs.Tiny(epochs: 1);
        double Loss()
        {
            using var dir = new TempDirectory();
            var runner = new ExperimentRunner(ExperimentRegistry.Default, new RunStore(dir.Path));
            var run = runner.Run(new ResolvedExperiment(new SpqMethod(), PresetLabel.Smoke, config, [], ConfigHash.Compute("spq", PresetLabel.Smoke, config)));
            return HistoryCsv.Read(Path.Combine(run.Directory, RunFiles.History))[0].Losses["loss"];
        }
        Assert.Equal(Loss(), Loss());
    }
}
