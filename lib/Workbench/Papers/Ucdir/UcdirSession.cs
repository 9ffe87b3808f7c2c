using Workbench.Losses.Ucdir;
using Workbench.Metrics.Health;
using TorchSharp;
using Workbench.Data;
using Workbench.Data.Augmentation;
using Workbench.Data.Samplers;
using Workbench.Experiments;
using Workbench.Runtime;
using Workbench.Training.Sessions;
using Workbench.Models.Moco;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// One UCDIR run on the shared trainer: paired two-domain batches (<see cref="PairedDomainSampler"/>), two MoCo v2 views
/// per image, the query encoder on view 1 of A and B concatenated, the momentum key encoder on view 2 (shuffled), the
/// Seed or Official objective, the key-encoder momentum update after every optimizer step, and evaluation in both
/// directions after every epoch (<see cref="CrossDomainRetrieval"/>; best epoch selected on <c>mean P@K capped</c> of the
/// evaluated images themselves, as the official code does — a test-set selection, labelled "best" in the records).
/// </summary>
/// <remarks>
/// Official per epoch (papers.md 1.3): key-encoder eval features of every training image of both domains → at epoch 0 the
/// memory banks; from the (scaled) warm-up on, per-domain k-means → pseudo-labels and prototypes, constant for the epoch.
/// The features evaluated after epoch e are exactly those epoch e + 1 clusters (same weights), so they are reused.
/// Seed per run: at epoch 0 the centroids are initialised by k-means on the query encoder's features (papers.md 1.10),
/// then updated online from every batch; IW (the ablation baseline) uses the same memory banks as the official variant.
/// </remarks>
public sealed class UcdirSession : TrainingSession
{
    private readonly UcdirConfig _config;
    private readonly Device _device;
    private readonly long _seed;
    private readonly UcdirDomainPair _data;
    private readonly UcdirEncoders _model;
    private readonly UcdirSeedObjective? _seedObjective;
    private readonly UcdirOfficialObjective? _officialObjective;
    private readonly PairedDomainSampler _sampler;
    private readonly AugmentationPipeline _augment;
    private readonly Normalize _normalize;
    private readonly int[] _labelsA, _labelsB;
    private readonly bool _useKeys, _useBanks, _useCentroids;
    private readonly string? _runDirectory;
    private DomainMemoryBank? _bankA, _bankB;
    private CentroidStore? _storeA, _storeB;
    private UcdirPseudoLabels? _clustersA, _clustersB;
    private List<(int[] A, int[] B)> _batches = [];
    private Generator? _augmentGenerator, _shuffleGenerator;
    private (long Step, Tensor A, Tensor B)? _keyCache;
    private int _epoch;

    /// <summary>Loads the data, builds both encoders and the objective for <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The data does not fit the configuration (unknown domain, k or a batch larger than a domain, …).</exception>
    public UcdirSession(UcdirConfig config, SessionContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        _config = config;
        _device = context.Device;
        _seed = context.Seed;
        _runDirectory = context.RunDirectory;
        _data = UcdirDomainPair.Load(config);
        try
        {
            _labelsA = UcdirDomainPair.LabelsOf(_data.TrainA);
            _labelsB = UcdirDomainPair.LabelsOf(_data.TrainB);
            Clusters = config.Clusters ?? _data.ClassCount;
            int smaller = Math.Min(_data.TrainA.Count, _data.TrainB.Count);
            if (Clusters > smaller)
                throw new ArgumentException($"clusters = {Clusters} exceeds the smaller domain ({smaller} images); lower clusters.");
            if (config.SelectionK > smaller)
                throw new ArgumentException($"selectionK = {config.SelectionK} exceeds the smaller domain ({smaller} images); choose a K of precisionK that fits.");
            int epochs = config.Training.Epochs ?? throw new ArgumentException("UCDIR needs training.epochs.");
            if (IsOfficial) _officialObjective = new UcdirOfficialObjective(config.ResolvedOfficialLoss(epochs));
            else _seedObjective = new UcdirSeedObjective(config.ResolvedSeedLoss());
            _useBanks = IsOfficial || _seedObjective!.Options.UseInstanceWise;
            _useCentroids = !IsOfficial && UcdirAblation.Level(config.Ablation) >= 1;
            _useKeys = _useBanks || config.RetrievesWithKeyEncoder;
            _sampler = new PairedDomainSampler(_data.TrainA.Count, _data.TrainB.Count, config.BatchSize, Seeding.Derive("ucdir/sampler", _seed));
            int channels = _data.TrainA.Channels;
            _augment = AugmentationPresets.MoCoV2(config.ImageSize, channels);
            _normalize = Normalize.ImageNetFor(channels);
            _model = new UcdirEncoders(config, channels, _device, Seeding.Derive("ucdir/init", _seed));
            if (_model.WeightReport is { } report) context.Log($"Loaded {config.PretrainedWeights}: {report}");
            if (_model.InitReport is { } init) context.Log($"init {config.Init}: {init}");
            context.Log($"UCDIR {config.Variant} {UcdirAblation.Canonical(config.Variant, config.Ablation)}: {_data.TrainA.Name} ({_data.TrainA.Count}) <-> {_data.TrainB.Name} ({_data.TrainB.Count}), k = {Clusters}, {StepsPerEpoch} steps per epoch.");
        }
        catch
        {
            _data.Dispose();
            throw;
        }
    }

    /// <summary>Whether this run uses the official objective.</summary>
    public bool IsOfficial => UcdirAblation.IsOfficial(_config.Variant);

    /// <summary>k: clusters per domain.</summary>
    public int Clusters { get; }

    /// <summary>The encoder pair.</summary>
    public UcdirEncoders Encoders => _model;

    /// <summary>The two domains.</summary>
    public UcdirDomainPair Data => _data;

    /// <summary>The official objective (null for Seed).</summary>
    public UcdirOfficialObjective? OfficialObjective => _officialObjective;

    /// <summary>The seed objective (null for Official).</summary>
    public UcdirSeedObjective? SeedObjective => _seedObjective;

    /// <inheritdoc />
    public override nn.Module Model => _model;

    /// <inheritdoc />
    public override int StepsPerEpoch => _sampler.BatchesPerEpoch;

    /// <inheritdoc />
    public override MetricSelection Selection => new($"mean P@{_config.SelectionK} capped", MetricGoal.Maximize);

    /// <inheritdoc />
    public override void BeginEpoch(EpochContext context)
    {
        _epoch = context.Epoch;
        _batches = _sampler.Batches(context.Epoch).ToList();
        _augmentGenerator?.Dispose();
        _shuffleGenerator?.Dispose();
        _augmentGenerator = Seeding.NewGenerator($"ucdir/augment/{context.Epoch}", _seed);
        _shuffleGenerator = Seeding.NewGenerator($"ucdir/shuffle/{context.Epoch}", _seed);
        if (_useBanks && _bankA is null)
        {
            var (fa, fb) = KeyFeatures(context.GlobalStep);
            _bankA = new DomainMemoryBank(fa);
            _bankB = new DomainMemoryBank(fb);
        }
        if (_officialObjective is { } official)
        {
            var o = official.Options;
            var w = o.Schedule.At(context.Epoch);
            bool needClusters = w.ClustersActive && (o.UseClusterWise || (o.UseSelfEntropy && w.SelfEntropyActive) || (o.UseDistanceOfDistance && w.DistanceOfDistanceActive));
            if (needClusters)
            {
                var (fa, fb) = KeyFeatures(context.GlobalStep);
                _clustersA?.Dispose();
                _clustersB?.Dispose();
                _clustersA = Cluster(fa, "A", context.Epoch);
                _clustersB = Cluster(fb, "B", context.Epoch);
            }
        }
        else if (_useCentroids)
        {
            if (_storeA is null)
            {
                // Seed choice: centroids start from k-means on the first epoch's (query-encoder) features.
                using var fa = UcdirFeatures.Encode(_model.Query, _data.TrainA, _normalize, _device);
                using var fb = UcdirFeatures.Encode(_model.Query, _data.TrainB, _normalize, _device);
                using var ca = Cluster(fa, "A", context.Epoch);
                using var cb = Cluster(fb, "B", context.Epoch);
                _storeA = new CentroidStore(ca.Prototypes, _config.SeedCentroidUpdate, _config.SeedCentroidMomentum);
                _storeB = new CentroidStore(cb.Prototypes, _config.SeedCentroidUpdate, _config.SeedCentroidMomentum);
            }
            // A running mean restarts every epoch, so a resumed run (checkpoints at epoch boundaries) continues exactly.
            _storeA.ResetMass();
            _storeB!.ResetMass();
        }
    }

    /// <inheritdoc />
    public override StepOutput TrainStep(StepContext context)
    {
        var (ia, ib) = _batches[context.StepInEpoch];
        int n = ia.Length;
        var generator = _augmentGenerator ?? throw new InvalidOperationException("BeginEpoch was not called.");
        var xa = _data.TrainA.LoadFloat(ia);
        var xb = _data.TrainB.LoadFloat(ib);
        var q = _model.Query.call(cat([_augment.Apply(xa, generator), _augment.Apply(xb, generator)]).to(_device));
        var qa = q.narrow(0, 0, n);
        var qb = q.narrow(0, n, n);
        Tensor? ka = null, kb = null, idsA = null, idsB = null;
        if (_useKeys)
        {
            var xk = cat([_augment.Apply(xa, generator), _augment.Apply(xb, generator)]).to(_device);
            using (no_grad())
            {
                var (shuffled, unshuffle) = KeyBatchShuffle.Shuffle(xk, _shuffleGenerator!);
                var k = KeyBatchShuffle.Unshuffle(_model.Key.call(shuffled), unshuffle.to(_device));
                ka = k.narrow(0, 0, n);
                kb = k.narrow(0, n, n);
            }
            idsA = tensor(ia.Select(i => (long)i).ToArray(), device: _device);
            idsB = tensor(ib.Select(i => (long)i).ToArray(), device: _device);
        }
        var a = new UcdirDomainBatch(qa, ka, idsA, _bankA);
        var b = new UcdirDomainBatch(qb, kb, idsB, _bankB);
        var terms = _officialObjective is { } official
            ? official.Compute(a, b, _epoch, _clustersA, _clustersB)
            : _seedObjective!.Compute(a, b, _storeA, _storeB);
        var parts = new List<(string, Tensor)>();
        if (terms.InstanceWise is { } iw) parts.Add(("iw", iw));
        if (terms.ClusterWise is { } cw) parts.Add(("cw", cw));
        if (terms.SelfEntropy is { } se) parts.Add(("se", se));
        if (terms.DistanceOfDistance is { } dd) parts.Add(("dd", dd));
        if (terms.Weights is { } w)
        {
            parts.Add(("lambda_cw", tensor(w.ClusterWise)));
            parts.Add(("lambda_se", tensor(w.SelfEntropy)));
            parts.Add(("lambda_dd", tensor(w.DistanceOfDistance)));
        }
        return new StepOutput(terms.Total, [.. parts]);
    }

    /// <inheritdoc />
    public override void AfterOptimizerStep(StepContext context)
    {
        if (_useKeys) MomentumEncoder.Update(_model.Query, _model.Key, _config.KeyMomentum);
    }

    /// <inheritdoc />
    public override EvaluationResult Evaluate(EvaluationContext context)
    {
        var encoder = _config.RetrievesWithKeyEncoder ? _model.Key : _model.Query;
        var fa = UcdirFeatures.Encode(encoder, _data.TrainA, _normalize, _device);
        var fb = UcdirFeatures.Encode(encoder, _data.TrainB, _normalize, _device);
        var train = CrossDomainRetrieval.Evaluate(fa, _labelsA, fb, _labelsB, _config.PrecisionK);
        var metrics = new Dictionary<string, double>(train.Metrics, StringComparer.Ordinal);
        foreach (var (name, value) in Health(fa, fb)) metrics[name] = value;
        var table = train.ToPerQueryTable(_labelsA, _labelsB);
        if (_data.HeldOutA is { } ha && _data.HeldOutB is { } hb)
        {
            var la = UcdirDomainPair.LabelsOf(ha);
            var lb = UcdirDomainPair.LabelsOf(hb);
            using var ea = UcdirFeatures.Encode(encoder, ha, _normalize, _device);
            using var eb = UcdirFeatures.Encode(encoder, hb, _normalize, _device);
            var held = CrossDomainRetrieval.Evaluate(ea, la, eb, lb, _config.PrecisionK, "heldout ");
            foreach (var (name, value) in held.Metrics) metrics[name] = value;
            if (held.Ks.SequenceEqual(train.Ks)) held.ToPerQueryTable(la, lb, "heldout", table);
        }
        if (context.IsFinal && _config.SaveEmbeddings && _runDirectory is not null)
        {
            UcdirEmbeddings.Write(Path.Combine(_runDirectory, UcdirEmbeddings.FileName), fa, _labelsA, fb, _labelsB);
        }
        if (_config.RetrievesWithKeyEncoder)
        {
            // The next epoch's k-means needs exactly these features (same weights): keep them.
            ClearKeyCache();
            _keyCache = (context.GlobalStep, fa.detach().clone().DetachFromDisposeScope(), fb.detach().clone().DetachFromDisposeScope());
        }
        return new EvaluationResult(metrics, table);
    }

    /// <inheritdoc />
    public override void SaveState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(1); // format
        WriteOptional(writer, _bankA?.Features);
        WriteOptional(writer, _bankB?.Features);
        WriteOptional(writer, _storeA?.Centroids);
        WriteOptional(writer, _storeB?.Centroids);
    }

    /// <inheritdoc />
    public override void LoadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int format = reader.ReadInt32();
        if (format != 1) throw new InvalidDataException($"Unknown UCDIR session state format {format}.");
        using (var t = ReadOptional(reader)) if (t is not null) Replace(ref _bankA, new DomainMemoryBank(t));
        using (var t = ReadOptional(reader)) if (t is not null) Replace(ref _bankB, new DomainMemoryBank(t));
        using (var t = ReadOptional(reader)) if (t is not null) Replace(ref _storeA, new CentroidStore(t, _config.SeedCentroidUpdate, _config.SeedCentroidMomentum));
        using (var t = ReadOptional(reader)) if (t is not null) Replace(ref _storeB, new CentroidStore(t, _config.SeedCentroidUpdate, _config.SeedCentroidMomentum));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _bankA?.Dispose();
            _bankB?.Dispose();
            _storeA?.Dispose();
            _storeB?.Dispose();
            _clustersA?.Dispose();
            _clustersB?.Dispose();
            _augmentGenerator?.Dispose();
            _shuffleGenerator?.Dispose();
            ClearKeyCache();
            _data.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>
    /// Health signals of the evaluated embeddings of both domains (<see cref="EmbeddingHealth"/>) and of each domain's
    /// cluster assignments (<see cref="AssignmentHealth"/>, <c>health.A …</c> / <c>health.B …</c>): Seed — soft assignments
    /// to the online centroids at the objective's temperature; Official — the epoch's k-means labels.
    /// </summary>
    private List<KeyValuePair<string, double>> Health(Tensor fa, Tensor fb)
    {
        using var scope = NewDisposeScope();
        var metrics = EmbeddingHealth.Measure(cat([fa, fb])).ToMetrics().ToList();
        foreach (var (domain, features, store, clusters) in new[] { ("A ", fa, _storeA, _clustersA), ("B ", fb, _storeB, _clustersB) })
        {
            AssignmentHealth? health = null;
            if (store is not null)
            {
                health = AssignmentHealth.Measure(SoftAssignment.Probabilities(features, store.Centroids, _seedObjective!.Options.Temperature));
            }
            else if (clusters is not null)
            {
                health = AssignmentHealth.FromLabels(clusters.Labels.to(int32).cpu().data<int>().ToArray(), Clusters);
            }
            if (health is not null) metrics.AddRange(health.ToMetrics(domain));
        }
        return metrics;
    }

    private (Tensor A, Tensor B) KeyFeatures(long globalStep)
    {
        if (_keyCache is { } cache && cache.Step == globalStep) return (cache.A, cache.B);
        var fa = UcdirFeatures.Encode(_model.Key, _data.TrainA, _normalize, _device).DetachFromDisposeScope();
        var fb = UcdirFeatures.Encode(_model.Key, _data.TrainB, _normalize, _device).DetachFromDisposeScope();
        ClearKeyCache();
        _keyCache = (globalStep, fa, fb);
        return (fa, fb);
    }

    private UcdirPseudoLabels Cluster(Tensor features, string domain, int epoch)
    {
        var result = UcdirClustering.Cluster(features, Clusters, _config.KMeansRestarts, _config.KMeansIterations, Seeding.Derive($"ucdir/kmeans/{domain}/{epoch}", _seed));
        result.Labels.DetachFromDisposeScope();
        result.Prototypes.DetachFromDisposeScope();
        return result;
    }

    private void ClearKeyCache()
    {
        if (_keyCache is { } c)
        {
            c.A.Dispose();
            c.B.Dispose();
        }
        _keyCache = null;
    }

    private static void Replace<T>(ref T? field, T value) where T : class, IDisposable
    {
        (field as IDisposable)?.Dispose();
        field = value;
    }

    private static void WriteOptional(BinaryWriter writer, Tensor? t)
    {
        writer.Write(t is not null);
        if (t is null) return;
        using var cpu = t.detach().cpu();
        cpu.Save(writer);
    }

    private Tensor? ReadOptional(BinaryReader reader)
    {
        if (!reader.ReadBoolean()) return null;
        var t = TensorExtensionMethods.Load(reader);
        if (t.device.type == _device.type && t.device.index == _device.index) return t;
        using (t) return t.to(_device);
    }
}
