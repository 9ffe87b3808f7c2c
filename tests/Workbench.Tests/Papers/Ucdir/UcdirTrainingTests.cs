using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Papers.Ucdir;
using Workbench.Runtime;
using Workbench.Tests.Training;
using Workbench.Training;
using Workbench.Training.Checkpoints;
using Workbench.Training.Optimizers;
using Workbench.Training.Records;
using Workbench.Training.Sessions;
using Workbench.Training.Validation;

namespace Workbench.Tests.Papers.Ucdir;

[Collection(SerialTorchRng.Name)]
public class UcdirTrainingTests : SingleThreadedTorchTest
{
    /// <summary>Synthetic solid ↔ outline shapes, 3 classes × 8 images per domain at 12 px, a tiny encoder: 3 steps per epoch.</summary>
    private static UcdirConfig Tiny(string variant, string ablation, int epochs) => UcdirMethod.Smoke with
    {
        Variant = variant,
        Ablation = ablation,
        SyntheticClasses = 3,
        SyntheticPerClass = 8,
        ImageSize = 12,
        HeldOutFraction = 0,
        BackboneChannels = [4, 8, 8],
        HeadHidden = 16,
        EmbeddingDimension = 8,
        BatchSize = 8,
        PrecisionK = [1, 5],
        Training = new TrainerSettings { Epochs = epochs, Optimizer = new OptimizerSettings { LearningRate = 1e-2 }, CheckpointEvery = 100 },
    };

    private static (TrainingOutcome Outcome, List<HistoryRow> History) Train(UcdirConfig config)
    {
        Seeding.SeedEverything(config.Seed);
        using var streams = new RandomStreams(config.Seed);
        var context = new SessionContext(CPU, streams);
        using var session = new UcdirMethod().CreateSession(config, context);
        using var trainer = new Trainer(session, config.Training, context);
        var outcome = trainer.Run();
        return (outcome, trainer.State.History.ToList());
    }

    [Fact]
    public void SmokeRunLowersTheInstanceWiseLoss()
    {
        var (outcome, history) = Train(Tiny("Official", "IW", 8));
        Assert.Equal(RunStatus.Finished, outcome.Status);
        double first = (history[0].Losses["iw"] + history[1].Losses["iw"]) / 2;
        double last = (history[^1].Losses["iw"] + history[^2].Losses["iw"]) / 2;
        Assert.True(last < first - 0.05, $"IW went from {first:F4} (epochs 0-1) to {last:F4} (last two epochs)");
        Assert.All(history, h => Assert.True(h.Metrics.ContainsKey("mean P@1 capped") && h.Metrics.ContainsKey("B->A P@5")));
    }

    [Fact]
    public void FullObjectivesRecordEveryTermAndTheOfficialStages()
    {
        var (seedOutcome, seed) = Train(Tiny("Seed", "Full", 2));
        Assert.Equal(RunStatus.Finished, seedOutcome.Status);
        Assert.All(seed, h => Assert.Equal(["loss", "cw", "se", "dd"], h.Losses.Keys.ToArray()));

        // 4 epochs: the scaled schedule has warm-up 0, the CW ramp over epochs 0–2, SE and DD from epoch 2.
        var (officialOutcome, official) = Train(Tiny("Official", "+DD", 4));
        Assert.Equal(RunStatus.Finished, officialOutcome.Status);
        Assert.Equal(0.0, official[0].Losses["lambda_cw"]);
        Assert.Equal(0.25, official[1].Losses["lambda_cw"], 12);
        Assert.Equal(0.5, official[3].Losses["lambda_cw"], 12);
        Assert.False(official[1].Losses.ContainsKey("se"));
        Assert.True(official[2].Losses.ContainsKey("se") && official[2].Losses.ContainsKey("dd"));
        Assert.Equal(1.0, official[3].Losses["lambda_se"]);
    }

    [Fact]
    public void AblationTableIsBuiltFromTheRunRecords()
    {
        using var dir = new TempDirectory();
        var store = new RunStore(dir.Path);
        var runner = new ExperimentRunner(new ExperimentRegistry().Register(new UcdirMethod()), store);
        var tiny = Tiny("Seed", "IW", 1);
        var overrides = new[]
        {
            $"syntheticClasses=3", "syntheticPerClass=8", "imageSize=12", "heldOutFraction=0", "backboneChannels=4,8,8", "headHidden=16",
            "embeddingDimension=8", "batchSize=8", "precisionK=1,5", "training.epochs=1",
        }.Select(ConfigOverride.Parse).ToList();
        var engine = new AblationRunner(runner);
        var spec = new UcdirAblationPaper().Spec(new AblationRequest(PresetLabel.Smoke, 1, overrides)).Only("variant", ["Seed"]);
        Assert.Equal(["IW", "CW", "CW+SE", "CW+SE+DD"], spec.Rows.Select(r => r.Label).ToArray());
        engine.Run(spec.Only("row", ["IW", "CW"]));

        var rows = UcdirAblationTable.Rows(engine.Collect(spec));
        Assert.Equal(["IW", "CW"], rows.Select(r => r.Ablation).ToArray()); // the two that ran
        var run = RunStore.ReadJson<MetricsRecord>(Path.Combine(store.Root, rows[0].RunIds[0], RunFiles.Metrics));
        Assert.Equal(run.Final!.Metrics["A->B P@1 capped"], rows[0].Last["A->B P@1 capped"].Mean);
        Assert.True(File.Exists(Path.Combine(store.Root, rows[0].RunIds[0], UcdirEmbeddings.FileName)));
        using (var e = UcdirEmbeddings.Read(Path.Combine(store.Root, rows[0].RunIds[0], UcdirEmbeddings.FileName)))
        {
            Assert.Equal(new long[] { 24, 8 }, e.A.shape);
            Assert.Equal(24, e.LabelsB.Length);
        }

        string md = UcdirAblationTable.ToMarkdown(rows, new AblationReportContext("test", DateTime.UtcNow));
        Assert.Contains("| Seed | IW |", md);
        Assert.Contains("not reproduced", md);
        int[] ks = UcdirAblationTable.ProtocolKs(rows[0].Pair, rows);
        Assert.Equal([1, 5], ks.Take(2));
        var frame = UcdirAblationTable.Frame(rows, ks);
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal(rows[0].Last["B->A P@5 capped"].Mean.ToString("F2", System.Globalization.CultureInfo.InvariantCulture), (string)frame["B→A P@5"][0]);
        Assert.Contains(Workbench.Reporting.Tables.TableMarkdown.Render(frame), md);
        string csv = UcdirAblationTable.ToCsv(rows);
        Assert.StartsWith("preset,data,domain_a,domain_b,variant,ablation,seeds", csv);
        Assert.Equal(3, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(tiny.Data, rows[0].Pair.Data);
    }

    [Fact]
    public void ResNetKeyEncoderUsesSplitBatchNormAndStartsAsACopy()
    {
        var config = UcdirMethod.Paper with { Backbone = "resnet18", HeadHidden = 32, EmbeddingDimension = 16 };
        using var encoders = new UcdirEncoders(config, 3, CPU, initSeed: 1);
        var q = encoders.Query.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var k = encoders.Key.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(q.Keys.Order(), k.Keys.Order());
        Assert.All(q, p => Assert.True(p.Value.requires_grad && !k[p.Key].requires_grad && p.Value.eq(k[p.Key]).all().item<bool>(), p.Key));
        Assert.Contains(encoders.Key.modules(), m => m is Workbench.Models.Layers.SplitBatchNorm2d);
        Assert.DoesNotContain(encoders.Query.modules(), m => m is Workbench.Models.Layers.SplitBatchNorm2d);
        using var x = rand(4, 3, 32, 32);
        encoders.eval();
        using var zq = encoders.Query.call(x);
        using var zk = encoders.Key.call(x);
        Assert.Equal(new long[] { 4, 16 }, zq.shape);
        Assert.True((zq - zk).abs().max().ToDouble() < 1e-5, "a fresh key encoder computes the query encoder's function");
    }

    [Theory]
    [InlineData("Official", "Full")]
    [InlineData("Seed", "IW")]
    public void AResumedRunMatchesAnUninterruptedOne(string variant, string ablation)
    {
        // Memory banks and the momentum encoder cross the checkpoint; k-means is redone from the restored key encoder.
        // Two epochs of the scaled schedule: epoch 1 has every official term on.
        var config = Tiny(variant, ablation, 2) with { Training = Tiny(variant, ablation, 2).Training with { CheckpointEvery = 1 } };
        var method = new UcdirMethod();
        using var dir = new TempDirectory();
        var whole = TrainerHarness.Train(method, config, dir.Combine("whole.ckpt"));
        using var stop = new CancellationTokenSource();
        var first = TrainerHarness.Train(method, config, dir.Combine("part.ckpt"),
            new TrainerRunOptions { Cancellation = stop.Token, EpochCompleted = r => { if (r.State.Epoch == 1) stop.Cancel(); } });
        Assert.Equal(RunStatus.Cancelled, first.Outcome.Status);
        var resumed = TrainerHarness.Train(method, config, dir.Combine("part.ckpt"), resume: true);
        Assert.Equal(RunStatus.Finished, resumed.Outcome.Status);
        TrainerHarness.AssertSameWeights(whole.Weights, resumed.Weights);
        TrainerHarness.AssertSameHistory(whole.History, resumed.History);
    }
}

