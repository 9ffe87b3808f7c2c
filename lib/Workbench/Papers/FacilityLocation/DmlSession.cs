using Workbench.Metrics.Health;
using System.Text.Json;
using TorchSharp;
using Workbench.Data;
using Workbench.Data.Augmentation;
using Workbench.Data.Samplers;
using Workbench.Experiments;
using Workbench.Losses.MetricLearning;
using Workbench.Losses.MetricLearning.FacilityLocation;
using Workbench.Models;
using Workbench.Runtime;
using Workbench.Training.Sessions;
using static TorchSharp.torch;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// One <c>dml</c> run: the embedding network, the class-balanced sampler, the loss and the held-out
/// evaluation. Each step embeds one batch of m images and applies the loss; for facility location
/// the loss's step is set first so γ decays (<see cref="GammaSchedule"/>), and the step records
/// γ, the batch NMI of the loss-augmented clustering, score_pred and score_gt (as the reference
/// code logs them).
/// </summary>
public sealed class DmlSession : TrainingSession
{
    private readonly DmlConfig _config;
    private readonly SessionContext _context;
    private readonly Backbone _model;
    private readonly MetricLoss _loss;
    private readonly ClassBalancedBatchSampler _sampler;
    private readonly IBatchAugmentation? _augmentation;
    private readonly long[] _trainLabels;
    private readonly int[] _testLabels;
    private List<int[]> _batches = [];

    /// <summary>Loads the data and builds the network, sampler and loss.</summary>
    /// <exception cref="ArgumentException">The batch composition does not fit the data (the message says what to change).</exception>
    public DmlSession(DmlConfig config, SessionContext context)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _context = context ?? throw new ArgumentNullException(nameof(context));
        Data = DmlData.Load(config);
        _trainLabels = Data.Train.Labels.ToArray();
        _testLabels = Data.Test.Labels.Select(l => (int)l).ToArray();
        _sampler = BatchComposition.CreateSampler(Data.Train.Labels, config.Loss, config.ResolvedRatio, config.BatchSize, Seeding.Derive("dml-sampler", config.Seed));
        _model = DmlModel.Create(config, Data.Train.Channels, context.Device, context.Log);
        var gamma = new GammaSchedule(config.Gamma, config.GammaDecay, config.GammaDecaySteps);
        _loss = MetricLossCatalog.Create(config.Loss, gamma, pytorchMetricLearning: string.Equals(config.Variant, DmlMethod.PmlVariant, StringComparison.OrdinalIgnoreCase));
        _augmentation = DmlAugmentation.Training(config.Augmentation, Data.Train.Height, config.CropSize);
        context.Log($"dml: {Data.Train.Name} ({Data.Train.Count} images, {Data.Train.ClassNames.Count} classes) → test {Data.Test.Name} ({Data.Test.Count} images, {Data.Test.ClassNames.Count} classes); " +
                    $"m = {_sampler.BatchSize}, C = {_sampler.ClassesPerBatch} (C/m = {config.ResolvedRatio}), per class {string.Join("/", _sampler.PerClassCounts().Distinct())}; " +
                    $"{config.Backbone} + linear {config.EmbeddingDimension}{(config.ResolvedNormalize ? " + L2" : "")}; loss {_loss.Describe()}");
    }

    /// <summary>The training and test images.</summary>
    public DmlData Data { get; }

    /// <summary>The loss module.</summary>
    public MetricLoss Loss => _loss;

    /// <summary>The batch sampler.</summary>
    public ClassBalancedBatchSampler Sampler => _sampler;

    /// <inheritdoc/>
    public override nn.Module Model => _model;

    /// <summary>The embedding network (backbone + linear head as <c>fc</c>).</summary>
    public Backbone Network => _model;

    /// <inheritdoc/>
    public override int StepsPerEpoch => _sampler.BatchesPerEpoch;

    /// <inheritdoc/>
    public override MetricSelection? Selection => new("R@1");

    /// <inheritdoc/>
    public override void BeginEpoch(EpochContext context) => _batches = _sampler.Batches(context.Epoch).ToList();

    /// <inheritdoc/>
    public override StepOutput TrainStep(StepContext context)
    {
        int[] batch = _batches[context.StepInEpoch];
        var images = Data.Train.LoadFloat(batch, _context.Device);
        if (_augmentation is not null) images = _augmentation.Apply(images, _context.Random.Generator("dml-augmentation"));
        var labels = tensor(batch.Select(i => _trainLabels[i]).ToArray(), device: _context.Device);
        if (_loss is FacilityLocationLoss facility) facility.Step = context.GlobalStep;
        var embeddings = _model.call(images);
        var loss = _loss.call(embeddings, labels);
        if (_loss is FacilityLocationLoss { LastBatch: { } report })
        {
            return new StepOutput(loss,
                ("gamma", tensor(report.Gamma)),
                ("nmi_pred", tensor(report.ClusteringScore)),
                ("score_pred", tensor(report.ScorePredicted)),
                ("score_gt", tensor(report.ScoreOracle)));
        }
        return new StepOutput(loss);
    }

    /// <inheritdoc/>
    public override EvaluationResult Evaluate(EvaluationContext context)
    {
        using var embeddings = DmlEmbedder.Embed(_model, Data.Test, _config.EvalBatchSize, _config.CropSize, _context.Device);
        var seeds = Enumerable.Range(0, _config.KMeansSeeds).Select(s => (long)s).ToArray();
        var result = DmlEvaluation.Evaluate(embeddings, _testLabels, _config.ResolvedRecallKs, seeds);
        if (context.IsFinal && _context.RunDirectory is { } dir)
        {
            if (_config.SaveEmbeddings)
            {
                TestEmbeddings.From(embeddings, _testLabels, Data.Test.Name, Data.Test.ClassNames).Save(Path.Combine(dir, TestEmbeddings.FileName));
            }
            File.WriteAllText(Path.Combine(dir, DmlEvaluationRecord.FileName), JsonSerializer.Serialize(
                DmlEvaluationRecord.From(result, Data, _sampler), DmlEvaluationRecord.Json));
        }
        var metrics = new Dictionary<string, double>(result.Metrics, StringComparer.Ordinal);
        foreach (var (name, value) in EmbeddingHealth.Measure(embeddings).ToMetrics()) metrics[name] = value;
        _context.Log($"dml eval (epoch {context.Epoch + 1}): {string.Join(", ", result.Metrics.Select(kv => $"{kv.Key} {kv.Value:F4}"))}; {result.Clustering}");
        return new EvaluationResult(metrics, result.PerQuery);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _loss.Dispose(); // the datasets belong to DmlData's cache
        base.Dispose(disposing);
    }
}
