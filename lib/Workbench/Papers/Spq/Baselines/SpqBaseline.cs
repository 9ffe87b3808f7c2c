using System.Diagnostics;
using TorchSharp;
using Workbench.Clustering;
using Workbench.Papers.Spq.Evaluation;
using Workbench.Reporting.Embedding;
using Workbench.Retrieval;
using static TorchSharp.torch;

namespace Workbench.Papers.Spq.Baselines;

/// <summary>
/// Fits a classic baseline on the training images (pixels, no labels), encodes the database at the
/// same code length as SPQ and evaluates it with SPQ's protocol (<see cref="RetrievalEvaluator"/>):
/// <list type="bullet">
/// <item><see cref="SpqBaselineKind.PqPixels"/>: <see cref="ProductQuantizer.Train"/> on the pixel vectors (M = B/log₂K sub-spaces), squared ADC in a <see cref="PqIndex"/>.</item>
/// <item><see cref="SpqBaselineKind.PqPca"/>: <see cref="Pca"/> to M·d dimensions, then the same PQ.</item>
/// <item><see cref="SpqBaselineKind.Lsh"/>: <see cref="RandomHyperplaneLsh"/> with B bits, <see cref="HammingRanking"/>.</item>
/// </list>
/// </summary>
public static class SpqBaseline
{
    /// <summary>Fits, encodes and evaluates; with <paramref name="artifactFolder"/>, saves the index (PQ) or the codes (LSH) there.</summary>
    /// <exception cref="Training.Validation.ConfigValidationException">An invalid configuration.</exception>
    public static SpqBaselineResult Run(SpqBaselineConfig config, SpqData data, string? artifactFolder = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        var errors = config.Validate();
        if (errors.Count > 0) throw new Training.Validation.ConfigValidationException($"spq baseline {config.Variant}", errors);
        using var scope = NewDisposeScope();
        var fitClock = Stopwatch.StartNew();
        int multiple = config.Kind == SpqBaselineKind.PqPixels ? config.Subspaces : 1;
        var train = PixelVectors.Load(data.Train, multiple);
        var database = PixelVectors.Load(data.Database, multiple);
        var queries = PixelVectors.Load(data.Queries, multiple);
        QuerySearch search;
        double fitSeconds;
        var encodeClock = new Stopwatch();
        if (config.Kind == SpqBaselineKind.Lsh)
        {
            using var lsh = RandomHyperplaneLsh.Fit(train, config.Bits, config.Seed);
            fitSeconds = fitClock.Elapsed.TotalSeconds;
            encodeClock.Start();
            var databaseCodes = lsh.Encode(database);
            var queryCodes = lsh.Encode(queries);
            encodeClock.Stop();
            search = HammingRanking.Searcher(databaseCodes, queryCodes);
            if (artifactFolder is not null)
            {
                using var saved = tensor(databaseCodes.Select(c => unchecked((long)c)).ToArray());
                saved.save(Path.Combine(artifactFolder, SpqRunFiles.BinaryCodes));
            }
        }
        else
        {
            Pca? pca = null;
            try
            {
                if (config.Kind == SpqBaselineKind.PqPca)
                {
                    int dims = config.Subspaces * config.PcaSubDimension;
                    if (dims > train.shape[1]) throw new ArgumentException($"PQ-PCA keeps M·d = {dims} dimensions but the pixels have only {train.shape[1]}; lower pcaSubDimension.");
                    if (dims > train.shape[0]) throw new ArgumentException($"PQ-PCA keeps M·d = {dims} dimensions but has only {train.shape[0]} training images; use at least {dims} (data.trainImages) or lower pcaSubDimension.");
                    pca = Pca.Fit(train, dims);
                    train = pca.Transform(train);
                }
                var quantizer = ProductQuantizer.Train(train, config.Subspaces, config.Codewords,
                    new KMeansOptions { Clusters = config.Codewords, MaxIterations = config.KMeansIterations, Seed = config.Seed });
                fitSeconds = fitClock.Elapsed.TotalSeconds;
                encodeClock.Start();
                var index = new PqIndex(quantizer, PqSubDistance.Squared);
                index.Add(pca is null ? database : pca.Transform(database));
                var queryVectors = SpqIndexing.ToArray(pca is null ? queries : pca.Transform(queries));
                encodeClock.Stop();
                search = SpqIndexing.Searcher(index, queryVectors);
                if (artifactFolder is not null) index.Save(Path.Combine(artifactFolder, SpqRunFiles.Index));
            }
            finally
            {
                pca?.Dispose();
            }
        }
        var evalClock = Stopwatch.StartNew();
        int[] queryLabels = SpqData.ClassIds(data.Queries), databaseLabels = SpqData.ClassIds(data.Database);
        var mapAllQueries = config.MapAllQueries is null ? null : SpqData.StratifiedIndices(data.Queries, config.MapAllQueries, config.Data.SubsetSeed);
        var evaluation = RetrievalEvaluator.Evaluate(search, queryLabels, databaseLabels, config.TopK, config.MapAll, mapAllQueries);
        return new SpqBaselineResult(evaluation, fitSeconds, encodeClock.Elapsed.TotalSeconds + evalClock.Elapsed.TotalSeconds);
    }
}
