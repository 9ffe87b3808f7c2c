using Workbench.Experiments;
using Workbench.Losses.MetricLearning;
using Workbench.Training.Validation;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// Configuration of the <c>dml</c> method (papers.md section 3): a backbone with a linear d = 64
/// embedding trained on class-balanced batches by one of the five losses of the facility-location
/// ablation, evaluated on held-out classes by k-means NMI and Recall@K. Every property is a
/// <c>--set</c> path in camelCase, e.g. <c>--set loss=facility-location --set ratio=0.25</c>.
/// </summary>
/// <remarks>
/// Variants: <c>Official</c> (TF-contrib <c>metric_learning</c> semantics, the paper's reference
/// code; the default) and <c>PML</c> (pytorch-metric-learning's conventions for the four baselines;
/// the facility-location loss has no PML counterpart and is the same in both).
/// </remarks>
public sealed record DmlConfig : ExperimentConfig
{
    /// <summary>Catalog name of the data: <c>synthetic</c>, <c>fonts</c>, <c>fashion-mnist</c>, <c>cub200</c>, <c>cars196</c>, <c>sop</c>.</summary>
    public string Dataset { get; init; } = "fonts";

    /// <summary>Folder of a user dataset (CUB/Cars/SOP); null = <c>&lt;data root&gt;/&lt;dataset&gt;</c>.</summary>
    public string? DataPath { get; init; }

    /// <summary>Square image side; null = the dataset's own (32 fonts/synthetic, 28 Fashion-MNIST, 256 photo folders in the paper preset).</summary>
    public int? ImageSize { get; init; }

    /// <summary>
    /// Training classes by class id of the whole dataset; null = the dataset's zero-shot split: the
    /// loader's <c>Train</c> part (fonts 31/31, CUB 1–100, Cars 1–98, SOP), Fashion-MNIST 0–4,
    /// synthetic 0–5.
    /// </summary>
    public int[]? TrainClasses { get; init; }

    /// <summary>Held-out test classes by class id; null = the dataset's zero-shot split (Fashion-MNIST 5–9, synthetic 6–9). Must not overlap <see cref="TrainClasses"/>.</summary>
    public int[]? TestClasses { get; init; }

    /// <summary>Images per test class kept for evaluation (the first ones in dataset order); null = all.</summary>
    public int? TestPerClass { get; init; }

    /// <summary>Images per synthetic class and domain (the <c>synthetic</c> set only; default 64).</summary>
    public int? SyntheticPerClassPerDomain { get; init; }

    /// <summary>Backbone registry name (<see cref="Models.BackboneFactory"/>): <c>smallconv</c>, <c>resnet18</c>, <c>resnet50</c>.</summary>
    public string Backbone { get; init; } = "smallconv";

    /// <summary>Width of the small conv net: blocks of w, 2w, 4w channels (default 16).</summary>
    public int Width { get; init; } = 16;

    /// <summary>TorchSharp state-dict file with ImageNet weights for the backbone (paper preset); null = random init.</summary>
    public string? PretrainedWeights { get; init; }

    /// <summary>Embedding size d (64 in the paper).</summary>
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>The loss, one of <see cref="MetricLossCatalog.Names"/> (default facility location).</summary>
    public string Loss { get; init; } = MetricLossCatalog.FacilityLocation;

    /// <summary>
    /// C/m, distinct classes per batch over the batch size; null = the default: 0.5 for N-pairs (exactly
    /// two images per class), 0.75 on SOP, else 0.25 (the paper's choices). The paper explored 0.25, 0.5, 0.75.
    /// </summary>
    public double? Ratio { get; init; }

    /// <summary>m, images per batch (128 in the paper).</summary>
    public int BatchSize { get; init; } = 40;

    /// <summary>L2-normalise the embeddings the loss sees; null = the loss's convention (papers.md 3.3: triplet, contrastive and facility location yes; lifted and N-pairs no).</summary>
    public bool? Normalize { get; init; }

    /// <summary>γ₀ of the facility-location margin (γ is on the scale of summed distances; the paper's value was not recovered).</summary>
    public double Gamma { get; init; } = 1.0;

    /// <summary>Multiplicative γ decay per <see cref="GammaDecaySteps"/> (0.94 in the paper).</summary>
    public double GammaDecay { get; init; } = 0.94;

    /// <summary>Optimiser steps per γ decay (staircase).</summary>
    public long GammaDecaySteps { get; init; } = 1000;

    /// <summary>Side of the random training crop and of the centre test crop (227 of 256 in the paper); null = no crop.</summary>
    public int? CropSize { get; init; }

    /// <summary>Training augmentation: <c>none</c>, <c>crop</c> (random crop, scale 0.8–1) or <c>crop-flip</c> (the paper's random crop + horizontal flip).</summary>
    public string Augmentation { get; init; } = "none";

    /// <summary>Recall@K cut-offs; null = the paper's for the dataset (1, 2, 4, 8; 1, 10, 100 for SOP).</summary>
    public int[]? RecallKs { get; init; }

    /// <summary>k-means runs for NMI, with seeds 0, 1, …, n−1 (recorded in <c>dml-evaluation.json</c>).</summary>
    public int KMeansSeeds { get; init; } = 3;

    /// <summary>Images per forward pass when embedding the test set.</summary>
    public int EvalBatchSize { get; init; } = 512;

    /// <summary>Write the final test embeddings to the run folder (<c>test-embeddings.bin</c>) for maps, curves and grids.</summary>
    public bool SaveEmbeddings { get; init; } = true;

    /// <summary>C/m after the loss default is applied.</summary>
    public double ResolvedRatio => Ratio ?? (DmlLosses.IsNPair(Loss) ? 0.5 : IsSop ? 0.75 : 0.25);

    /// <summary>Recall@K cut-offs after the dataset default is applied.</summary>
    public int[] ResolvedRecallKs => RecallKs ?? (IsSop ? [1, 10, 100] : [1, 2, 4, 8]);

    private bool IsSop => string.Equals(Dataset?.Trim(), "sop", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the loss sees L2-normalised embeddings.</summary>
    public bool ResolvedNormalize => Normalize ?? DmlLosses.Normalizes(Loss);

    /// <inheritdoc/>
    public override void Validate(ConfigErrors errors)
    {
        base.Validate(errors);
        errors.Require(!string.IsNullOrWhiteSpace(Dataset), "dataset", "must name a dataset.");
        errors.Require(ImageSize is null or >= 8, "imageSize", $"must be at least 8 (got {ImageSize}).");
        errors.Require(CropSize is null || ImageSize is null || CropSize <= ImageSize, "cropSize", $"must not exceed imageSize ({CropSize} > {ImageSize}).");
        errors.Require(TestPerClass is null or >= 2, "testPerClass", $"must be at least 2 so every query has a relevant item (got {TestPerClass}).");
        errors.Require(Width >= 1, "width", $"must be at least 1 (got {Width}).");
        errors.Require(EmbeddingDimension >= 2, "embeddingDimension", $"must be at least 2 (got {EmbeddingDimension}).");
        errors.Require(RecallKs is null || (RecallKs.Length > 0 && RecallKs.All(k => k >= 1)), "recallKs", "must list cut-offs ≥ 1, e.g. 1,2,4,8.");
        errors.Require(KMeansSeeds >= 1, "kMeansSeeds", $"must be at least 1 (got {KMeansSeeds}).");
        errors.Require(EvalBatchSize >= 1, "evalBatchSize", $"must be at least 1 (got {EvalBatchSize}).");
        errors.Require(double.IsFinite(Gamma) && Gamma >= 0, "gamma", $"must be finite and ≥ 0 (got {Gamma}).");
        errors.Require(GammaDecay is > 0 and <= 1, "gammaDecay", $"must be in (0, 1] (got {GammaDecay}).");
        errors.Require(GammaDecaySteps >= 1, "gammaDecaySteps", $"must be at least 1 (got {GammaDecaySteps}).");
        errors.Require(DmlAugmentation.Names.Contains(Augmentation), "augmentation", $"'{Augmentation}' is not one of {string.Join(", ", DmlAugmentation.Names)}.");
        if (TrainClasses is not null && TestClasses is not null)
        {
            var shared = TrainClasses.Intersect(TestClasses).ToArray();
            errors.Require(shared.Length == 0, "testClasses", $"must be disjoint from trainClasses (zero-shot protocol); both contain {string.Join(", ", shared)}.");
        }
        errors.Require((TrainClasses is null) == (TestClasses is null), "trainClasses", "set both trainClasses and testClasses, or neither (the loader's class-disjoint split).");
        if (!MetricLossCatalog.Names.Contains(Loss))
        {
            errors.Add("loss", $"'{Loss}' is not a loss of the ablation; use one of {string.Join(", ", MetricLossCatalog.Names)}.");
            return;
        }
        BatchComposition.Validate(Loss, ResolvedRatio, BatchSize, DmlData.KnownTrainClassCount(this), errors);
    }
}
