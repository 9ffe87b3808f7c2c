using Workbench.Metrics.Health;
using TorchSharp;
using Workbench.Data;
using Workbench.Data.Augmentation;
using Workbench.Experiments;
using Workbench.Losses;
using Workbench.Losses.Distances;
using Workbench.Losses.Reducers;
using Workbench.Papers.Spq.Evaluation;
using Workbench.Training.Schedules;
using Workbench.Training.Sessions;
using static TorchSharp.torch;

namespace Workbench.Papers.Spq;

/// <summary>
/// One SPQ run on the shared trainer. Each epoch draws a fresh order of the training images; each step
/// takes a batch of N images, makes two augmented views, computes (x̂^a, ẑ^a) and (x̂^b, ẑ^b) and
/// returns the cross-quantized contrastive loss (or SPQ-C's plain one), plus the mean squared
/// quantization error ‖x̂ − ẑ‖² as the recorded part <c>qerr</c>. Evaluation encodes the database
/// with the learned codebooks into a <see cref="Retrieval.PqIndex"/> and ranks the raw query
/// descriptors by asymmetric distance (<see cref="RetrievalEvaluator"/>); the final evaluation also
/// stores the index and the query descriptors in the run folder (<see cref="SpqRunFiles"/>).
/// </summary>
public sealed class SpqSession : TrainingSession
{
    private readonly SpqConfig _config;
    private readonly SessionContext _context;
    private readonly SpqData _data;
    private readonly bool _ownsData;
    private readonly SpqModel _model;
    private readonly QuantizedContrastiveLoss _loss;
    private readonly TwoViewAugmentation _augmentation;
    private readonly Generator _augmentationGenerator;
    private readonly int[] _queryLabels;
    private readonly int[] _databaseLabels;
    private int[] _order = [];

    /// <summary>Loads the data (unless <paramref name="data"/> is given; it then stays the caller's) and builds the model (init drawn from the run seed) on the context's device.</summary>
    /// <exception cref="Data.Catalog.DatasetNotInstalledException">The dataset is missing; the message names the install command.</exception>
    public SpqSession(SpqConfig config, SessionContext context, SpqData? data = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _ownsData = data is null;
        _data = data ?? SpqData.Load(config.Data);
        if (_data.Train.Count < config.BatchSize)
        {
            throw new ArgumentException($"{_data.Train.Name} has {_data.Train.Count} training images, fewer than one batch of {config.BatchSize}; lower batchSize.");
        }
        _model = SpqModel.Create(config, _data.Train.Channels, context.Seed, context.Device);
        if (_model.InitReport is { } init) context.Log($"init {config.Init}: {init}");
        _loss = config.Loss == SpqLoss.Plain
            ? new PlainQuantizedContrastiveLoss(config.ContrastiveTemperature)
            : new CrossQuantizedContrastiveLoss(config.ContrastiveTemperature);
        _augmentation = SpqAugmentations.Create(config.Augmentation, _data.Train.Height);
        _augmentationGenerator = new Generator(0, CPU);
        _queryLabels = SpqData.ClassIds(_data.Queries);
        _databaseLabels = SpqData.ClassIds(_data.Database);
        context.Log($"SPQ {config.Variant}: {config.Bits} bits (M = {config.Codebooks}, K = {config.Codewords}, d = {config.CodewordDimension}), " +
                    $"train {_data.Train.Count} / database {_data.Database.Count} / queries {_data.Queries.Count} images of {_data.Database.Name}, {config.Backbone}.");
    }

    /// <summary>The network.</summary>
    public SpqModel Network => _model;

    /// <summary>The run's images.</summary>
    public SpqData Data => _data;

    /// <inheritdoc />
    public override nn.Module Model => _model;

    /// <inheritdoc />
    public override int StepsPerEpoch => _data.Train.Count / _config.BatchSize;

    /// <inheritdoc />
    public override MetricSelection? Selection => new($"mAP@{_config.TopK}");

    /// <summary>SPQ's periodic cosine (<see cref="SpqPeriodicCosineSchedule"/>) when the settings ask for it; else the core shapes.</summary>
    public override ILearningRateSchedule CreateSchedule(ScheduleSettings settings, long runLength)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Kind == ScheduleKind.SpqPeriodicCosine ? SpqPeriodicCosineSchedule.From(settings) : base.CreateSchedule(settings, runLength);
    }

    /// <inheritdoc />
    public override void BeginEpoch(EpochContext context)
    {
        _order = Enumerable.Range(0, _data.Train.Count).ToArray();
        context.Session.Random.Random("spq/order").Shuffle(_order);
    }

    /// <inheritdoc />
    public override StepOutput TrainStep(StepContext context)
    {
        var batch = _order.AsSpan(context.StepInEpoch * _config.BatchSize, _config.BatchSize);
        var images = _data.Train.LoadFloat(batch, _context.Device);
        _augmentationGenerator.manual_seed(context.Session.Random.Random("spq/augment").NextInt64() & long.MaxValue);
        var (viewA, viewB) = _augmentation.Apply(images, _augmentationGenerator);
        var (xa, za) = _model.call(viewA);
        var (xb, zb) = _model.call(viewB);
        var loss = _loss.call(xa, xb, za, zb);
        Tensor qerr;
        using (no_grad())
        {
            var squared = new SquaredEuclideanDistance();
            var mean = new MeanReducer();
            qerr = (mean.Reduce(squared.Paired(xa, za)) + mean.Reduce(squared.Paired(xb, zb))) / 2;
        }
        return new StepOutput(loss, ("qerr", qerr));
    }

    /// <inheritdoc />
    public override EvaluationResult Evaluate(EvaluationContext context)
    {
        var evaluation = EvaluateRetrieval(context.IsFinal && _config.MapAll, context.IsFinal ? _context.RunDirectory : null);
        return new EvaluationResult(evaluation.Metrics, evaluation.PerQuery);
    }

    /// <summary>
    /// Encodes database and queries with the current model (call in eval mode), builds the PQ index and
    /// evaluates, adding the health signals of the query descriptors (<see cref="EmbeddingHealth"/>) and of the
    /// database codes (<see cref="CodewordHealth"/>); with <paramref name="artifactFolder"/>, writes <see cref="SpqRunFiles.Index"/> and
    /// <see cref="SpqRunFiles.QueryDescriptors"/> there.
    /// </summary>
    public RetrievalEvaluation EvaluateRetrieval(bool mapAll, string? artifactFolder = null)
    {
        using var scope = NewDisposeScope();
        var database = DescriptorEncoder.Encode(_model.Descriptor, _data.Database, _config.EvaluationBatchSize, _context.Device);
        var queries = DescriptorEncoder.Encode(_model.Descriptor, _data.Queries, _config.EvaluationBatchSize, _context.Device);
        var index = SpqIndexing.Build(_model.Head, database, _config.SubDistance);
        var mapAllQueries = _config.MapAllQueries is null ? null : SpqData.StratifiedIndices(_data.Queries, _config.MapAllQueries, _config.Data.SubsetSeed);
        var result = RetrievalEvaluator.Evaluate(SpqIndexing.Searcher(index, SpqIndexing.ToArray(queries)), _queryLabels, _databaseLabels, _config.TopK, mapAll, mapAllQueries);
        var metrics = new Dictionary<string, double>(result.Metrics, StringComparer.Ordinal);
        foreach (var (name, value) in EmbeddingHealth.Measure(queries).ToMetrics()) metrics[name] = value;
        using (var codes = tensor(index.GetCodes()).view(index.Count, -1))
        {
            foreach (var (name, value) in CodewordHealth.Measure(codes, _config.Codewords).ToMetrics()) metrics[name] = value;
        }
        result = result with { Metrics = metrics };
        if (artifactFolder is not null)
        {
            index.Save(Path.Combine(artifactFolder, SpqRunFiles.Index));
            queries.save(Path.Combine(artifactFolder, SpqRunFiles.QueryDescriptors));
        }
        return result;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _loss.Dispose();
            _augmentationGenerator.Dispose();
            if (_ownsData) _data.Dispose();
        }
        base.Dispose(disposing);
    }
}
