using Workbench.Experiments;
using Workbench.Training.Validation;

namespace Workbench.Papers.Spq.Baselines;

/// <summary>
/// One classic baseline run of SPQ's ablation: which baseline, the code length, and the same data and
/// evaluation protocol as the SPQ preset it is compared with (<see cref="ForPreset"/>).
/// Fitting uses <see cref="SpqDataSettings.TrainImages"/> (the images SPQ trains on), never labels.
/// </summary>
public sealed record SpqBaselineConfig
{
    /// <summary>The baseline.</summary>
    public SpqBaselineKind Kind { get; init; } = SpqBaselineKind.PqPixels;

    /// <summary>Code length B (16, 32 or 64).</summary>
    public int Bits { get; init; } = 32;

    /// <summary>K, codewords per sub-space of the PQ baselines (16: 4 bits per sub-space, as SPQ).</summary>
    public int Codewords { get; init; } = 16;

    /// <summary>d of the PCA baseline: PCA keeps M·d dimensions (SPQ's descriptor size D).</summary>
    public int PcaSubDimension { get; init; } = 16;

    /// <summary>Lloyd iterations of each sub-space's k-means (k-means++ init).</summary>
    public int KMeansIterations { get; init; } = 25;

    /// <summary>Seed of k-means, the LSH hyperplanes and nothing else.</summary>
    public long Seed { get; init; }

    /// <summary>Data, split and subsets (as the SPQ preset).</summary>
    public SpqDataSettings Data { get; init; } = new();

    /// <summary>K of mAP@K.</summary>
    public int TopK { get; init; } = 1000;

    /// <summary>Also compute mAP@all.</summary>
    public bool MapAll { get; init; } = true;

    /// <summary>Queries mAP@all averages over (null = all), as <see cref="SpqConfig.MapAllQueries"/>.</summary>
    public int? MapAllQueries { get; init; }

    /// <summary>Variant label used in run records and tables: <c>PQ-pixels</c>, <c>PQ-PCA</c>, <c>LSH</c>.</summary>
    public string Variant => Label(Kind);

    /// <summary>M = B / log₂K for the PQ baselines.</summary>
    public int Subspaces => Codewords >= 2 && int.IsPow2(Codewords) ? Bits / int.Log2(Codewords) : 0;

    /// <summary>The variant label of <paramref name="kind"/>.</summary>
    public static string Label(SpqBaselineKind kind) => kind switch
    {
        SpqBaselineKind.PqPixels => "PQ-pixels",
        SpqBaselineKind.PqPca => "PQ-PCA",
        _ => "LSH",
    };

    /// <summary>The baseline <paramref name="kind"/> at <paramref name="bits"/> with the data and protocol of SPQ's <paramref name="preset"/>.</summary>
    public static SpqBaselineConfig ForPreset(PresetLabel preset, SpqBaselineKind kind, int bits, long seed = 0)
    {
        var spq = SpqPresets.Create(preset, SpqVariants.Seed);
        return new SpqBaselineConfig
        {
            Kind = kind,
            Bits = bits,
            Codewords = spq.Codewords,
            PcaSubDimension = spq.CodewordDimension,
            Seed = seed,
            Data = spq.Data,
            TopK = spq.TopK,
            MapAll = spq.MapAll,
            MapAllQueries = spq.MapAllQueries,
        };
    }

    /// <summary>Every problem, each naming its field.</summary>
    public IReadOnlyList<ConfigError> Validate()
    {
        var errors = new ConfigErrors();
        if (Data is null) errors.Add("data", "must be set.");
        else Data.Validate(errors.Scope("data"));
        errors.Require(Enum.IsDefined(Kind), "kind", $"unknown baseline {Kind}; use pqPixels, pqPca or lsh.");
        errors.Require(SpqConfig.AblationBits.Contains(Bits), "bits", $"must be 16, 32 or 64 (SPQ's code lengths); got {Bits}.");
        bool wordsOk = Codewords is >= 2 and <= 256 && int.IsPow2(Codewords);
        errors.Require(wordsOk, "codewords", $"K must be a power of two in [2, 256] (got {Codewords}).");
        if (wordsOk && Kind != SpqBaselineKind.Lsh)
        {
            errors.Require(Bits % int.Log2(Codewords) == 0, "bits", $"{Bits} bits cannot be split into codes of log2({Codewords}) bits.");
        }
        errors.Require(PcaSubDimension >= 1, "pcaSubDimension", $"must be at least 1 (got {PcaSubDimension}).");
        errors.Require(KMeansIterations >= 1, "kMeansIterations", $"must be at least 1 (got {KMeansIterations}).");
        errors.Require(TopK >= 1, "topK", $"must be at least 1 (got {TopK}).");
        errors.Require(MapAllQueries is null or >= 1, "mapAllQueries", $"must be at least 1, or null for every query (got {MapAllQueries}).");
        return errors.Errors;
    }
}
