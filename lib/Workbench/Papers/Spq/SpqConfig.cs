using Workbench.Experiments;
using Workbench.Models;
using Workbench.Models.Heads;
using Workbench.Retrieval;
using Workbench.Training.Validation;

namespace Workbench.Papers.Spq;

/// <summary>
/// Configuration of one SPQ run (papers.md section 2). Symbols: B = <see cref="Bits"/>,
/// K = <see cref="Codewords"/>, M = B / log₂K = <see cref="Codebooks"/>, d = <see cref="CodewordDimension"/>,
/// τ_q = <see cref="QuantizationTemperature"/>, τ = <see cref="ContrastiveTemperature"/>. Override any
/// field from the command line, e.g. <c>--set bits=64</c>, <c>--set data.trainImages=20000</c>.
/// </summary>
public sealed record SpqConfig : ExperimentConfig
{
    /// <summary>The code lengths of SPQ's ablation (16 / 32 / 64 bits ↔ M = 4 / 8 / 16 with K = 16).</summary>
    public static IReadOnlyList<int> AblationBits { get; } = [16, 32, 64];

    /// <summary>Data, split and subsets.</summary>
    public SpqDataSettings Data { get; init; } = new();

    /// <summary>Backbone registry name (<see cref="BackboneFactory.Names"/>): <c>smallconv</c> (reduced), <c>resnet18-cifar</c> (paper).</summary>
    public string Backbone { get; init; } = "smallconv";

    /// <summary>smallconv block widths (null = 32, 64, 128); ignored by ResNets.</summary>
    public IReadOnlyList<long>? BackboneChannels { get; init; }

    /// <summary>Size of the backbone's FC + ReLU layer before the head (null = the backbone's default: 256 smallconv, 512 resnet18-cifar).</summary>
    public long? BackboneOutputs { get; init; }

    /// <summary>Code length B = M·log₂K in bits: 16, 32 or 64.</summary>
    public int Bits { get; init; } = 32;

    /// <summary>K, codewords per codebook (SPQ: 16).</summary>
    public int Codewords { get; init; } = 16;

    /// <summary>d, dimension of a codeword (SPQ: 16 for every bit length).</summary>
    public int CodewordDimension { get; init; } = 16;

    /// <summary>τ_q, the divisor inside the soft-assignment softmax (official 0.2 = ×5.0).</summary>
    public double QuantizationTemperature { get; init; } = 0.2;

    /// <summary>Soft (SPQ) or hard (SPQ-H) quantization.</summary>
    public QuantizationMode Quantization { get; init; } = QuantizationMode.Soft;

    /// <summary>Initialisation of the head's linear layer and codebook.</summary>
    public QuantizationHeadInit HeadInit { get; init; } = QuantizationHeadInit.XavierUniformWithBias;

    /// <summary>Cross-quantized (SPQ) or plain (SPQ-C) contrastive loss.</summary>
    public SpqLoss Loss { get; init; } = SpqLoss.Cross;

    /// <summary>τ of the NT-Xent terms (0.5).</summary>
    public double ContrastiveTemperature { get; init; } = 0.5;

    /// <summary>Images per training batch N (256; each gives two views, so 2N rows per NT-Xent term).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Two-view augmentation pipeline.</summary>
    public SpqAugmentation Augmentation { get; init; } = SpqAugmentation.SimClrCifar;

    /// <summary>Per-sub-space distance summed by asymmetric search: squared (textbook ADC) or Euclidean (official <c>pqDist_one</c>).</summary>
    public PqSubDistance SubDistance { get; init; } = PqSubDistance.Squared;

    /// <summary>Cut-off of mAP@K (1000 for CIFAR-10, papers.md 2.4).</summary>
    public int TopK { get; init; } = 1000;

    /// <summary>Also compute mAP@all (a complete ranking of every query) at the final evaluation.</summary>
    public bool MapAll { get; init; } = true;

    /// <summary>
    /// Queries mAP@all averages over: null = every query (the paper); a number = that many queries of a
    /// stratified subset (seed <c>data.subsetSeed</c>), because complete rankings of 10,000 x 60,000 cost
    /// minutes on two cores. Tables then say over how many queries mAP@all was taken.
    /// </summary>
    public int? MapAllQueries { get; init; }

    /// <summary>Images per forward pass when encoding the database and the queries.</summary>
    public int EvaluationBatchSize { get; init; } = 1000;

    /// <summary>M = B / log₂K.</summary>
    public int Codebooks => SoftQuantizationOptions.CodebooksFor(Bits, Codewords) ?? 0;

    /// <summary>The head options these settings give, for a backbone with <paramref name="inputDimension"/> outputs.</summary>
    public SoftQuantizationOptions HeadOptions(long inputDimension) => SoftQuantizationOptions.ForBits(Bits, Codewords, inputDimension) with
    {
        CodewordDimension = CodewordDimension,
        Temperature = QuantizationTemperature,
        Mode = Quantization,
        Init = HeadInit,
    };

    /// <inheritdoc />
    public override void Validate(ConfigErrors errors)
    {
        base.Validate(errors);
        if (Data is null) errors.Add("data", "must be set.");
        else Data.Validate(errors.Scope("data"));
        errors.Require(BackboneFactory.Names.Contains(Backbone ?? "", StringComparer.OrdinalIgnoreCase), "backbone",
            $"'{Backbone}' is not a backbone; use one of {string.Join(", ", BackboneFactory.Names)}.");
        errors.Require(BackboneChannels is null || (BackboneChannels.Count > 0 && BackboneChannels.All(c => c >= 1)), "backboneChannels",
            "must list at least one positive block width, e.g. 32,64,128 (or null for the default).");
        errors.Require(BackboneOutputs is null or >= 1, "backboneOutputs", $"must be at least 1 (got {BackboneOutputs}); null keeps the backbone's default.");
        bool wordsOk = Codewords is >= 2 and <= 256 && int.IsPow2(Codewords);
        errors.Require(wordsOk, "codewords", $"K must be a power of two in [2, 256] so that each code is log2(K) whole bits in one byte (got {Codewords}); SPQ uses 16.");
        if (wordsOk)
        {
            int perBook = int.Log2(Codewords);
            errors.Require(AblationBits.Contains(Bits) && Bits % perBook == 0, "bits",
                $"must be 16, 32 or 64 (SPQ's code lengths) and a multiple of log2(K) = {perBook}; got {Bits}. With K = 16 that is M = 4, 8 or 16 codebooks.");
        }
        errors.Require(CodewordDimension >= 1, "codewordDimension", $"d must be at least 1 (got {CodewordDimension}); SPQ uses 16.");
        errors.Require(double.IsFinite(QuantizationTemperature) && QuantizationTemperature > 0, "quantizationTemperature",
            $"τ_q must be a positive number (got {QuantizationTemperature}); SPQ uses 0.2.");
        errors.Require(double.IsFinite(ContrastiveTemperature) && ContrastiveTemperature > 0, "contrastiveTemperature",
            $"τ must be a positive number (got {ContrastiveTemperature}); SPQ uses 0.5.");
        errors.Require(BatchSize >= 2, "batchSize", $"must be at least 2 (NT-Xent needs negatives; got {BatchSize}).");
        if (Data?.TrainImages is { } train) errors.Require(train >= BatchSize, "data.trainImages", $"({train}) must hold at least one batch of {BatchSize} images.");
        errors.Require(TopK >= 1, "topK", $"must be at least 1 (got {TopK}).");
        errors.Require(MapAllQueries is null or >= 1, "mapAllQueries", $"must be at least 1, or null for every query (got {MapAllQueries}).");
        errors.Require(EvaluationBatchSize >= 1, "evaluationBatchSize", $"must be at least 1 (got {EvaluationBatchSize}).");
        errors.Require(Enum.IsDefined(Quantization), "quantization", $"unknown mode {Quantization}.");
        errors.Require(Enum.IsDefined(SubDistance), "subDistance", $"unknown sub-distance {SubDistance}.");
    }
}
