using System.Text.Json.Serialization;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Models.Heads;
using Workbench.Training;
using Workbench.Training.Validation;

namespace Workbench.Papers.Spq.Baselines;

/// <summary>
/// Configuration of the <c>spq-baseline</c> method: a classic baseline of SPQ's ablation (the variant:
/// <c>PQ-pixels</c>, <c>PQ-PCA</c> or <c>LSH</c>) at a code length, with the same data and evaluation protocol as
/// the SPQ preset it is compared with. Fitting uses <see cref="SpqDataSettings.TrainImages"/> (the images SPQ trains
/// on), never labels. A fit-only method trains nothing, so <see cref="Training"/> is not part of its identity.
/// </summary>
public sealed record SpqBaselineConfig : ExperimentConfig
{
    /// <summary>The variant names, in <see cref="SpqBaselineKind"/> order.</summary>
    public static IReadOnlyList<string> Variants { get; } = ["PQ-pixels", "PQ-PCA", "LSH"];

    /// <summary>Not used (nothing trains); left out of the manifest and the configuration hash.</summary>
    [JsonIgnore]
    public override TrainerSettings Training { get; init; } = new();

    /// <summary>The baseline, from the variant.</summary>
    public SpqBaselineKind Kind => KindOf(Variant);

    /// <summary>Code length B (16, 32 or 64).</summary>
    public int Bits { get; init; } = 32;

    /// <summary>K, codewords per sub-space of the PQ baselines (16: 4 bits per sub-space, as SPQ).</summary>
    public int Codewords { get; init; } = 16;

    /// <summary>d of the PCA baseline: PCA keeps M·d dimensions (SPQ's descriptor size D).</summary>
    public int PcaSubDimension { get; init; } = 16;

    /// <summary>Lloyd iterations of each sub-space's k-means (k-means++ init).</summary>
    public int KMeansIterations { get; init; } = 25;

    /// <summary>Data, split and subsets (as the SPQ preset).</summary>
    public SpqDataSettings Data { get; init; } = new();

    /// <summary>K of mAP@K.</summary>
    public int TopK { get; init; } = 1000;

    /// <summary>Also compute mAP@all.</summary>
    public bool MapAll { get; init; } = true;

    /// <summary>Queries mAP@all averages over (null = all), as <see cref="SpqConfig.MapAllQueries"/>.</summary>
    public int? MapAllQueries { get; init; }

    /// <summary>M = B / log₂K for the PQ baselines (<see cref="SoftQuantizationOptions.CodebooksFor"/>; 0 when invalid).</summary>
    public int Subspaces => SoftQuantizationOptions.CodebooksFor(Bits, Codewords) ?? 0;

    /// <summary>The baseline a variant name stands for.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Variants"/>.</exception>
    public static SpqBaselineKind KindOf(string variant)
    {
        int i = Variants.ToList().FindIndex(v => string.Equals(v, variant, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? (SpqBaselineKind)i : throw new ArgumentException($"Unknown SPQ baseline '{variant}'; use {string.Join(", ", Variants)}.");
    }

    /// <summary>The baseline <paramref name="variant"/> with the data and protocol of SPQ's <paramref name="preset"/> (at its code length).</summary>
    public static SpqBaselineConfig ForPreset(PresetLabel preset, string variant)
    {
        var spq = SpqPresets.Create(preset, SpqVariants.Seed);
        return new SpqBaselineConfig
        {
            Variant = variant,
            Bits = spq.Bits,
            Codewords = spq.Codewords,
            PcaSubDimension = spq.CodewordDimension,
            Data = spq.Data,
            TopK = spq.TopK,
            MapAll = spq.MapAll,
            MapAllQueries = spq.MapAllQueries,
        };
    }

    /// <inheritdoc />
    public override void Validate(ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        // Not base.Validate: there are no trainer settings to check.
        errors.Require(Variants.Contains(Variant, StringComparer.OrdinalIgnoreCase), "variant", $"unknown baseline '{Variant}'; use {string.Join(", ", Variants)}.");
        if (Data is null) errors.Add("data", "must be set.");
        else Data.Validate(errors.Scope("data"));
        errors.Require(SpqConfig.AblationBits.Contains(Bits), "bits", $"must be 16, 32 or 64 (SPQ's code lengths); got {Bits}.");
        bool wordsOk = Codewords is >= 2 and <= 256 && int.IsPow2(Codewords);
        errors.Require(wordsOk, "codewords", $"K must be a power of two in [2, 256] (got {Codewords}).");
        if (wordsOk && Variants.Contains(Variant, StringComparer.OrdinalIgnoreCase) && Kind != SpqBaselineKind.Lsh)
        {
            errors.Require(Subspaces > 0, "bits", $"{Bits} bits cannot be split into codes of log2({Codewords}) bits.");
        }
        errors.Require(PcaSubDimension >= 1, "pcaSubDimension", $"must be at least 1 (got {PcaSubDimension}).");
        errors.Require(KMeansIterations >= 1, "kMeansIterations", $"must be at least 1 (got {KMeansIterations}).");
        errors.Require(TopK >= 1, "topK", $"must be at least 1 (got {TopK}).");
        errors.Require(MapAllQueries is null or >= 1, "mapAllQueries", $"must be at least 1, or null for every query (got {MapAllQueries}).");
    }
}
