using TorchSharp;
using Workbench.Clustering;
using Workbench.Experiments;
using Workbench.Papers.Spq.Evaluation;
using Workbench.Reporting.Embedding;
using Workbench.Retrieval;
using Workbench.Training.Sessions;
using static TorchSharp.torch;

namespace Workbench.Papers.Spq.Baselines;

/// <summary>
/// Fits a classic baseline on the training images (pixels, no labels) and evaluates it with SPQ's protocol
/// (<see cref="RetrievalEvaluator"/>) at the same code length:
/// <list type="bullet">
/// <item><c>PQ-pixels</c>: <see cref="ProductQuantizer.Train"/> on the pixel vectors (M = B/log₂K sub-spaces), squared ADC in a <see cref="PqIndex"/>.</item>
/// <item><c>PQ-PCA</c>: <see cref="Pca"/> to M·d dimensions, then the same PQ.</item>
/// <item><c>LSH</c>: <see cref="RandomHyperplaneLsh"/> with B bits, <see cref="HammingRanking"/>.</item>
/// </list>
/// The index (PQ) or the codes (LSH) are saved in the run folder.
/// </summary>
public sealed class SpqBaselineSession : FitOnlySession
{
    private readonly SpqBaselineConfig _config;
    private readonly SessionContext _context;
    private readonly SpqData _data;
    private readonly int _multiple;
    private Pca? _pca;
    private ProductQuantizer? _quantizer;
    private RandomHyperplaneLsh? _lsh;

    /// <summary>Loads the data of <paramref name="config"/>.</summary>
    public SpqBaselineSession(SpqBaselineConfig config, SessionContext context)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _data = SpqData.Load(config.Data);
        _multiple = config.Kind == SpqBaselineKind.PqPixels ? config.Subspaces : 1;
    }

    /// <inheritdoc />
    public override void Fit()
    {
        using var pixels = PixelVectors.Load(_data.Train, _multiple);
        var train = pixels;
        _context.Log($"{_config.Variant}, {_config.Bits} bits: fitting on {_data.Train.Count} images.");
        if (_config.Kind == SpqBaselineKind.Lsh)
        {
            _lsh = RandomHyperplaneLsh.Fit(train, _config.Bits, _config.Seed);
            return;
        }
        if (_config.Kind == SpqBaselineKind.PqPca)
        {
            int dims = _config.Subspaces * _config.PcaSubDimension;
            if (dims > train.shape[1]) throw new ArgumentException($"PQ-PCA keeps M·d = {dims} dimensions but the pixels have only {train.shape[1]}; lower pcaSubDimension.");
            if (dims > train.shape[0]) throw new ArgumentException($"PQ-PCA keeps M·d = {dims} dimensions but has only {train.shape[0]} training images; use at least {dims} (data.trainImages) or lower pcaSubDimension.");
            _pca = Pca.Fit(train, dims);
            train = _pca.Transform(train);
        }
        _quantizer = ProductQuantizer.Train(train, _config.Subspaces, _config.Codewords,
            new KMeansOptions { Clusters = _config.Codewords, MaxIterations = _config.KMeansIterations, Seed = _config.Seed });
        if (!ReferenceEquals(train, pixels)) train.Dispose();
    }

    /// <inheritdoc />
    public override EvaluationResult Evaluate(EvaluationContext context)
    {
        var database = PixelVectors.Load(_data.Database, _multiple);
        var queries = PixelVectors.Load(_data.Queries, _multiple);
        QuerySearch search;
        if (_lsh is not null)
        {
            var databaseCodes = _lsh.Encode(database);
            search = HammingRanking.Searcher(databaseCodes, _lsh.Encode(queries));
            if (_context.RunDirectory is { } dir)
            {
                using var saved = tensor(databaseCodes.Select(c => unchecked((long)c)).ToArray());
                saved.save(Path.Combine(dir, SpqRunFiles.BinaryCodes));
            }
        }
        else
        {
            var quantizer = _quantizer ?? throw new InvalidOperationException($"Call {nameof(Fit)} before {nameof(Evaluate)}.");
            var index = new PqIndex(quantizer, PqSubDistance.Squared);
            index.Add(_pca is null ? database : _pca.Transform(database));
            search = SpqIndexing.Searcher(index, SpqIndexing.ToArray(_pca is null ? queries : _pca.Transform(queries)));
            if (_context.RunDirectory is { } dir) index.Save(Path.Combine(dir, SpqRunFiles.Index));
        }
        int[] queryLabels = SpqData.ClassIds(_data.Queries), databaseLabels = SpqData.ClassIds(_data.Database);
        var mapAllQueries = _config.MapAllQueries is null ? null : SpqData.StratifiedIndices(_data.Queries, _config.MapAllQueries, _config.Data.SubsetSeed);
        var evaluation = RetrievalEvaluator.Evaluate(search, queryLabels, databaseLabels, _config.TopK, _config.MapAll, mapAllQueries);
        return new EvaluationResult(evaluation.Metrics, evaluation.PerQuery);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pca?.Dispose();
            _lsh?.Dispose();
            _data.Dispose();
        }
        base.Dispose(disposing);
    }
}
