using System.Text.Json;
using Workbench.Data.Samplers;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// <c>dml-evaluation.json</c> in a run folder: what the final evaluation measured and how — test set,
/// k, the k-means seeds and each seed's NMI, the NMI normalisation, the Recall@K cut-offs, and the
/// batch composition the run trained with.
/// </summary>
public sealed record DmlEvaluationRecord
{
    /// <summary>File name inside a run folder.</summary>
    public const string FileName = "dml-evaluation.json";

    /// <summary>Indented camelCase JSON.</summary>
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Training set name.</summary>
    public string TrainSet { get; init; } = "";

    /// <summary>Training images.</summary>
    public int TrainImages { get; init; }

    /// <summary>Training classes.</summary>
    public int TrainClasses { get; init; }

    /// <summary>Test set name.</summary>
    public string TestSet { get; init; } = "";

    /// <summary>Test images (queries = database).</summary>
    public int TestImages { get; init; }

    /// <summary>k of k-means = test classes.</summary>
    public int Clusters { get; init; }

    /// <summary>k-means seeds.</summary>
    public long[] KMeansSeeds { get; init; } = [];

    /// <summary>NMI of each seed's clustering.</summary>
    public double[] NmiPerSeed { get; init; } = [];

    /// <summary>NMI normalisation (geometric).</summary>
    public string Normalization { get; init; } = "";

    /// <summary>Metric values (fractions).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>m.</summary>
    public int BatchSize { get; init; }

    /// <summary>C.</summary>
    public int ClassesPerBatch { get; init; }

    /// <summary>Images per class in a batch (largest first).</summary>
    public int[] PerClass { get; init; } = [];

    /// <summary>Builds the record.</summary>
    public static DmlEvaluationRecord From(DmlEvaluationResult result, DmlData data, ClassBalancedBatchSampler sampler) => new()
    {
        TrainSet = data.Train.Name,
        TrainImages = data.Train.Count,
        TrainClasses = data.Train.ClassNames.Count,
        TestSet = data.Test.Name,
        TestImages = data.Test.Count,
        Clusters = result.Clustering.Clusters,
        KMeansSeeds = result.Clustering.Seeds,
        NmiPerSeed = result.Clustering.PerSeed,
        Normalization = result.Clustering.Normalization.ToString().ToLowerInvariant(),
        Metrics = result.Metrics,
        BatchSize = sampler.BatchSize,
        ClassesPerBatch = sampler.ClassesPerBatch,
        PerClass = sampler.PerClassCounts(),
    };
}
