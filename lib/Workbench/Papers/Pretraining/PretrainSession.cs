using TorchSharp;
using TorchSharp.PyBridge;
using Workbench.Data.Augmentation;
using Workbench.Data.Samplers;
using Workbench.Experiments;
using Workbench.Training.Records;
using Workbench.Training.Sessions;
using Workbench.Losses;
using Workbench.Metrics.Health;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Papers.Pretraining;

/// <summary>
/// One SimCLR pretraining run on the shared trainer: per step a batch of N pool images, two MoCo v2 views each
/// (random resized crop 0.2–1, colour jitter, grey, blur, flip, ImageNet normalisation — the views UCDIR trains on),
/// z = g(f(·)) of both, NT-Xent (Chen et al. 2020, eq. 1) over the 2N views. Each evaluation measures the health of f's
/// features on a fixed sample of the pool (<see cref="EmbeddingHealth"/>; no labels are used anywhere) and writes f as
/// <see cref="EncoderFileName"/> (safetensors, torchvision-style keys) into the run folder, the file later runs name
/// with <c>--set init=…</c>.
/// </summary>
public sealed class PretrainSession : TrainingSession
{
    /// <summary>The exported encoder's file name in the run folder.</summary>
    public const string EncoderFileName = "encoder.safetensors";

    private readonly PretrainConfig _config;
    private readonly SessionContext _context;
    private readonly PretrainPool _pool;
    private readonly PretrainModel _model;
    private readonly ShuffledBatchSampler _sampler;
    private readonly AugmentationPipeline _augment;
    private readonly Normalize _normalize;
    private readonly int[] _healthIndices;
    private List<int[]> _batches = [];
    private Generator? _generator;

    /// <summary>Loads the pool and builds the model for <paramref name="config"/>.</summary>
    public PretrainSession(PretrainConfig config, SessionContext context)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _pool = PretrainPool.Load(config.ResolvedPool, config.PerDataset, config.ResolvedChannels, config.ResolvedImageSize, config.PoolSeed);
        try
        {
            if (_pool.Count < config.BatchSize)
                throw new ArgumentException($"The pool has {_pool.Count} images, fewer than one batch of {config.BatchSize}; lower batchSize or raise perDataset.");
            _model = new PretrainModel(config, Seeding.Derive("pretrain/init", context.Seed), context.Device);
            if (_model.InitReport is { } init) context.Log($"init {config.Init}: {init}");
            _sampler = new ShuffledBatchSampler(_pool.Count, config.BatchSize, Seeding.Derive("pretrain/sampler", context.Seed));
            _augment = AugmentationPresets.MoCoV2(config.ResolvedImageSize, config.ResolvedChannels);
            _normalize = Normalize.ImageNetFor(config.ResolvedChannels);
            var rng = new Random((int)(Seeding.Derive("pretrain/health", context.Seed) & int.MaxValue));
            _healthIndices = Enumerable.Range(0, _pool.Count).OrderBy(_ => rng.Next()).Take(Math.Min(config.HealthImages, _pool.Count)).ToArray();
            context.Log($"pretrain for {config.Target}: SimCLR on {_pool.Count} images ({string.Join(", ", _pool.Sources.Select(s => $"{s.Name} {s.Count}"))}), " +
                        $"{config.ResolvedChannels} channel(s), {config.ResolvedImageSize} px, {StepsPerEpoch} steps per epoch.");
        }
        catch
        {
            _pool.Dispose();
            throw;
        }
    }

    /// <summary>The pool.</summary>
    public PretrainPool Pool => _pool;

    /// <inheritdoc/>
    public override nn.Module Model => _model;

    /// <inheritdoc/>
    public override int StepsPerEpoch => _sampler.BatchesPerEpoch;

    /// <inheritdoc/>
    public override void BeginEpoch(EpochContext context)
    {
        _batches = _sampler.Batches(context.Epoch).ToList();
        _generator?.Dispose();
        _generator = Seeding.NewGenerator($"pretrain/augment/{context.Epoch}", _context.Seed);
    }

    /// <inheritdoc/>
    public override StepOutput TrainStep(StepContext context)
    {
        var generator = _generator ?? throw new InvalidOperationException("BeginEpoch was not called.");
        using var index = tensor(_batches[context.StepInEpoch].Select(i => (long)i).ToArray());
        var x = _pool.Images.index_select(0, index);
        long n = x.shape[0];
        var views = cat([_augment.Apply(x, generator), _augment.Apply(x, generator)]).to(_context.Device);
        var z = _model.call(views);
        var loss = NtXentLoss.Compute(z.narrow(0, 0, n), z.narrow(0, n, n), _config.Temperature);
        return new StepOutput(loss);
    }

    /// <inheritdoc/>
    public override EvaluationResult Evaluate(EvaluationContext context)
    {
        using var index = tensor(_healthIndices.Select(i => (long)i).ToArray());
        var features = new List<Tensor>();
        for (int start = 0; start < _healthIndices.Length; start += 512)
        {
            var x = _pool.Images.index_select(0, index.narrow(0, start, Math.Min(512, _healthIndices.Length - start)));
            features.Add(_model.Encoder.call(_normalize.Apply(x, null!).to(_context.Device)));
        }
        var metrics = EmbeddingHealth.Measure(cat(features)).ToMetrics().ToDictionary(StringComparer.Ordinal);
        if (_context.RunDirectory is { } dir) AtomicFile.WriteFile(Path.Combine(dir, EncoderFileName), temp => _model.Encoder.save_safetensors(temp)); // a kill mid-write never leaves a torn encoder
        return new EvaluationResult(metrics);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _generator?.Dispose();
            _pool.Dispose();
        }
        base.Dispose(disposing);
    }
}
