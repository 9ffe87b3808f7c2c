using Workbench.Experiments;
using Workbench.Training.Validation;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// Configuration of the <c>ucdir</c> experiment method (papers.md section 1): the two domains, the encoder pair, the
/// ablation row and both variants' loss settings. <see cref="ExperimentConfig.Variant"/> picks the objective
/// (<c>Seed</c>: the seed review's soft-centroid CW/SE/Sinkhorn-DD; <c>Official</c>: the official code's memory-bank
/// IW/CW, per-epoch k-means, SE over four pairs, profile DD and staged schedule); everything else is shared, so
/// <c>--set variant=Official</c> and <c>--variant Official</c> give the same configuration.
/// </summary>
/// <remarks>Introduced in notebooks/01-ucdir.ipynb, section "The library".</remarks>
public sealed record UcdirConfig : ExperimentConfig
{
    /// <summary>Dataset: <c>synthetic</c>, a catalog name (<c>emoji-office</c>, <c>emoji-7</c>, <c>office-home</c>, <c>domainnet</c>, …).</summary>
    public string Data { get; init; } = "emoji-office";

    /// <summary>Domain A by name (case-insensitive), e.g. <c>noto</c>, <c>Product</c>.</summary>
    public string DomainA { get; init; } = "noto";

    /// <summary>Domain B by name.</summary>
    public string DomainB { get; init; } = "symbola";

    /// <summary>Folder of a user dataset (Office-Home, DomainNet); null = <c>&lt;data root&gt;/&lt;data&gt;</c>.</summary>
    public string? DataPath { get; init; }

    /// <summary>Class names to keep (DomainNet's 7-class subset); null = every class.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Square image side fed to the encoder (32 for emoji, 224 for photos).</summary>
    public int ImageSize { get; init; } = 32;

    /// <summary>Synthetic data only: classes (2…10).</summary>
    public int SyntheticClasses { get; init; } = 10;

    /// <summary>Synthetic data only: images per class and domain.</summary>
    public int SyntheticPerClass { get; init; } = 64;

    /// <summary>Seed of generated data and of the held-out split (separate from the run seed, so seeds share data).</summary>
    public long DataSeed { get; init; }

    /// <summary>
    /// Fraction of each domain's images (stratified by class) held out from training and evaluated separately; 0 (default)
    /// trains and evaluates on every image, the paper's transductive protocol (papers.md 1.8).
    /// </summary>
    public double HeldOutFraction { get; init; }

    /// <summary>Ablation row (see <see cref="UcdirAblation"/>): <c>IW</c>, <c>CW</c>/<c>+CW</c>, <c>CW+SE</c>/<c>+SE</c>, <c>CW+SE+DD</c>/<c>+DD</c> or <c>Full</c>.</summary>
    public string Ablation { get; init; } = UcdirAblation.Full;

    /// <summary>Backbone name (<c>smallconv</c>, <c>resnet18</c>, <c>resnet50</c>; see <c>Models.BackboneFactory</c>).</summary>
    public string Backbone { get; init; } = "smallconv";

    /// <summary>Block widths of <c>smallconv</c>; null = its default (32, 64, 128).</summary>
    public IReadOnlyList<long>? BackboneChannels { get; init; }

    /// <summary>Hidden width of the MoCo v2 MLP head (2048 with ResNet-50).</summary>
    public int HeadHidden { get; init; } = 2048;

    /// <summary>Output (embedding) dimension, L2-normalised (<c>--low-dim</c>, 128).</summary>
    public int EmbeddingDimension { get; init; } = 128;

    /// <summary>A converted MoCo v2 state-dict file (keys <c>module.encoder_q.*</c>) loaded into both encoders; null = random init.</summary>
    public string? PretrainedWeights { get; init; }

    /// <summary>Images per domain in a step (the paired batch has 2 × this; official 64).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Key-encoder momentum m in θ_k ← m θ_k + (1 − m) θ_q (official 0.999).</summary>
    public double KeyMomentum { get; init; } = 0.999;

    /// <summary>Clusters per domain k; null = the number of classes (the official scripts pass the true class count).</summary>
    public int? Clusters { get; init; }

    /// <summary>k-means restarts (faiss <c>nredo</c>, official 5); the lowest-inertia run is kept.</summary>
    public int KMeansRestarts { get; init; } = 5;

    /// <summary>Lloyd iterations per k-means run (faiss <c>niter</c>, official 20).</summary>
    public int KMeansIterations { get; init; } = 20;

    /// <summary>Seed variant: how the online centroids fold in each batch's weighted means (default the seed's literal replacement).</summary>
    public CentroidUpdate SeedCentroidUpdate { get; init; } = CentroidUpdate.BatchMean;

    /// <summary>Seed variant: EMA momentum when <see cref="SeedCentroidUpdate"/> is <c>Ema</c>.</summary>
    public double SeedCentroidMomentum { get; init; } = 0.9;

    /// <summary>
    /// Encoder whose features are retrieved: <c>query</c>, <c>key</c> or <c>auto</c> (default: the seed's z = f_θ(x), i.e. the
    /// query encoder, for Seed; the momentum key encoder, as the official code, for Official).
    /// </summary>
    public string RetrievalEncoder { get; init; } = "auto";

    /// <summary>Cut-offs K of P@K (those larger than the smaller domain are skipped).</summary>
    public IReadOnlyList<int> PrecisionK { get; init; } = [1, 5, 15, 50, 100, 200];

    /// <summary>K of the best-epoch selection metric <c>mean P@K capped</c> (official: the first K reported, 1 for Office-Home, 50 for DomainNet).</summary>
    public int SelectionK { get; init; } = 1;

    /// <summary>Seed variant's objective (weights, temperature, Sinkhorn); its term switches are set by <see cref="Ablation"/>.</summary>
    public UcdirSeedOptions SeedLoss { get; init; } = new();

    /// <summary>
    /// Official variant's objective; null = chosen by <see cref="Data"/> (<c>domainnet</c>: the DomainNet script's settings,
    /// anything else: Office-Home's). Its schedule is stretched to the run's epochs when its <c>totalEpochs</c> differs.
    /// </summary>
    public UcdirOfficialOptions? OfficialLoss { get; init; }

    /// <summary>Write the final embeddings of both domains to the run folder (<c>ucdir-embeddings.dat</c>) for notebooks.</summary>
    public bool SaveEmbeddings { get; init; } = true;

    /// <summary>The official options in force: <see cref="OfficialLoss"/> or the data's script preset, with the ablation's switches.</summary>
    public UcdirOfficialOptions ResolvedOfficialLoss(int epochs)
    {
        var o = OfficialLoss ?? (string.Equals(Data, "domainnet", StringComparison.OrdinalIgnoreCase) ? UcdirOfficialOptions.DomainNet : UcdirOfficialOptions.OfficeHome);
        if (o.Schedule.TotalEpochs != epochs) o = o with { Schedule = o.Schedule.Scaled(epochs) };
        return UcdirAblation.Apply(o, Ablation);
    }

    /// <summary>The seed options in force: <see cref="SeedLoss"/> with the ablation's switches.</summary>
    public UcdirSeedOptions ResolvedSeedLoss() => UcdirAblation.Apply(SeedLoss, Ablation);

    /// <summary>Whether retrieval uses the key (momentum) encoder.</summary>
    public bool RetrievesWithKeyEncoder => RetrievalEncoder.Trim().ToLowerInvariant() switch
    {
        "key" => true,
        "query" => false,
        _ => UcdirAblation.IsOfficial(Variant),
    };

    /// <inheritdoc />
    public override void Validate(ConfigErrors errors)
    {
        base.Validate(errors);
        errors.Require(UcdirAblation.TryLevel(Ablation) is not null, "ablation",
            $"'{Ablation}' is not a UCDIR ablation row; use {string.Join(", ", UcdirAblation.SeedRows)} (Seed), {string.Join(", ", UcdirAblation.OfficialRows)} (Official) or Full.");
        errors.Require(!string.IsNullOrWhiteSpace(Data), "data", "name a dataset: synthetic, emoji-office, emoji-7, office-home or domainnet.");
        errors.Require(!string.IsNullOrWhiteSpace(DomainA) && !string.IsNullOrWhiteSpace(DomainB), "domainA", "both domains must be named.");
        errors.Require(!string.Equals(DomainA?.Trim(), DomainB?.Trim(), StringComparison.OrdinalIgnoreCase), "domainB",
            $"must differ from domainA ('{DomainA}'): UCDIR retrieves across two domains.");
        errors.Require(ImageSize >= 8, "imageSize", $"must be at least 8 (got {ImageSize}).");
        errors.Require(SyntheticClasses is >= 2 and <= 10, "syntheticClasses", $"must be 2…10 (got {SyntheticClasses}).");
        errors.Require(SyntheticPerClass >= 2, "syntheticPerClass", $"must be at least 2 (got {SyntheticPerClass}).");
        errors.Require(HeldOutFraction is >= 0 and < 1, "heldOutFraction", $"must be in [0, 1) (got {HeldOutFraction}); 0 = transductive only.");
        errors.Require(HeadHidden >= 1, "headHidden", $"must be at least 1 (got {HeadHidden}).");
        errors.Require(EmbeddingDimension >= 2, "embeddingDimension", $"must be at least 2 (got {EmbeddingDimension}).");
        errors.Require(BatchSize >= 2, "batchSize", $"must be at least 2 images per domain (got {BatchSize}).");
        errors.Require(KeyMomentum is >= 0 and <= 1, "keyMomentum", $"must be in [0, 1] (got {KeyMomentum}).");
        errors.Require(Clusters is null or >= 2, "clusters", $"must be at least 2, or null for the class count (got {Clusters}).");
        errors.Require(KMeansRestarts >= 1, "kMeansRestarts", $"must be at least 1 (got {KMeansRestarts}).");
        errors.Require(KMeansIterations >= 1, "kMeansIterations", $"must be at least 1 (got {KMeansIterations}).");
        errors.Require(SeedCentroidMomentum is >= 0 and < 1, "seedCentroidMomentum", $"must be in [0, 1) (got {SeedCentroidMomentum}).");
        errors.Require(RetrievalEncoder?.Trim().ToLowerInvariant() is "auto" or "query" or "key", "retrievalEncoder", $"must be auto, query or key (got '{RetrievalEncoder}').");
        errors.Require(PrecisionK is { Count: > 0 } && PrecisionK.All(k => k >= 1) && PrecisionK.Distinct().Count() == PrecisionK.Count,
            "precisionK", "must list distinct cut-offs K ≥ 1, e.g. 1,5,15.");
        errors.Require(PrecisionK is null || PrecisionK.Contains(SelectionK), "selectionK", $"must be one of precisionK ({string.Join(",", PrecisionK ?? [])}); got {SelectionK}.");
        errors.Require(Training.Epochs is not null, "training.epochs", "UCDIR's schedule is per epoch: set training.epochs.");
        if (SeedLoss is null) errors.Add("seedLoss", "must be set.");
        else
        {
            Check(() => SeedLoss with { UseClusterWise = true }, s => s.Validate(), errors, "seedLoss");
            errors.Require(SeedLoss.UseInstanceWise == new UcdirSeedOptions().UseInstanceWise && SeedLoss.UseClusterWise && SeedLoss.UseSelfEntropy && SeedLoss.UseDistanceOfDistance,
                "seedLoss", "leave the term switches (useInstanceWise, useClusterWise, …) alone: --set ablation=IW|CW|CW+SE|CW+SE+DD chooses the terms.");
        }
        if (OfficialLoss is not null)
        {
            Check(() => OfficialLoss, o => o.Validate(), errors, "officialLoss");
            errors.Require(OfficialLoss.UseClusterWise && OfficialLoss.UseSelfEntropy && OfficialLoss.UseDistanceOfDistance,
                "officialLoss", "leave the term switches alone: --set ablation=IW|+CW|+SE|+DD chooses the terms.");
        }
    }

    private static void Check<T>(Func<T> make, Action<T> validate, ConfigErrors errors, string field)
    {
        try
        {
            validate(make());
        }
        catch (ArgumentException e)
        {
            errors.Add(field, e.Message);
        }
    }
}
