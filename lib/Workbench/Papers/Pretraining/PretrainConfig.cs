using Workbench.Experiments;
using Workbench.Training.Validation;

namespace Workbench.Papers.Pretraining;

/// <summary>
/// Configuration of a self-supervised pretraining run (<c>workbench pretrain</c>): SimCLR (Chen et al. 2020) on a pool of
/// installable image sets that excludes the evaluation data of the paper it serves (<see cref="Target"/>), producing the
/// encoder that the paper's runs start from with <c>--set init=&lt;run&gt;/encoder.safetensors</c>.
/// </summary>
public sealed record PretrainConfig : ExperimentConfig
{
    /// <summary>The paper the encoder is for: <c>ucdir</c>, <c>spq</c> or <c>dml</c>; sets the default pool, channels and image size.</summary>
    public string Target { get; init; } = "ucdir";

    /// <summary>Dataset names of the pool (<see cref="PretrainPool.Default"/> for the target when null).</summary>
    public IReadOnlyList<string>? Pool { get; init; }

    /// <summary>Images drawn from each pool dataset (uniformly without replacement, seeded by <see cref="PoolSeed"/>); fewer when a set is smaller.</summary>
    public int PerDataset { get; init; } = 4000;

    /// <summary>Seed of the pool subsample.</summary>
    public long PoolSeed { get; init; }

    /// <summary>Input channels of the encoder: 3 (RGB; grey sets repeated) or 1 (grey; RGB sets converted by luma). Null = the target's (ucdir 3, spq and dml 1).</summary>
    public int? Channels { get; init; }

    /// <summary>Square image side after resizing every set (null = the target's: ucdir 32, spq and dml 28).</summary>
    public int? ImageSize { get; init; }

    /// <summary>Backbone registry name (the target's: <c>smallconv</c>).</summary>
    public string Backbone { get; init; } = "smallconv";

    /// <summary>smallconv block widths; must equal the target preset's for its init to load (all three reduced presets: 16, 32, 64).</summary>
    public IReadOnlyList<long> BackboneChannels { get; init; } = [16, 32, 64];

    /// <summary>Hidden width of the projection MLP g (features → hidden → ReLU → <see cref="ProjectionDimension"/>).</summary>
    public int ProjectionHidden { get; init; } = 256;

    /// <summary>Output dimension of g, where NT-Xent is applied.</summary>
    public int ProjectionDimension { get; init; } = 128;

    /// <summary>Images per batch (2N views per step).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>NT-Xent temperature τ.</summary>
    public double Temperature { get; init; } = 0.2;

    /// <summary>Pool images whose encoder features are measured for the health signals at each evaluation.</summary>
    public int HealthImages { get; init; } = 1000;

    /// <summary>The resolved channels.</summary>
    public int ResolvedChannels => Channels ?? (Target == "ucdir" ? 3 : 1);

    /// <summary>The resolved image size.</summary>
    public int ResolvedImageSize => ImageSize ?? (Target == "ucdir" ? 32 : 28);

    /// <summary>The resolved pool.</summary>
    public IReadOnlyList<string> ResolvedPool => Pool ?? PretrainPool.Default(Target);

    /// <inheritdoc/>
    public override void Validate(ConfigErrors errors)
    {
        base.Validate(errors);
        errors.Require(PretrainPool.Targets.Contains(Target), "target", $"must be one of {string.Join(", ", PretrainPool.Targets)} (got '{Target}').");
        if (PretrainPool.Targets.Contains(Target))
        {
            foreach (var name in ResolvedPool)
            {
                if (PretrainPool.Excluded(Target).Contains(name))
                    errors.Add("pool", $"'{name}' is evaluation data of {Target}; a pretraining pool must exclude it (default pool: {string.Join(", ", PretrainPool.Default(Target))}).");
            }
        }
        errors.Require(ResolvedPool.Count > 0, "pool", "needs at least one dataset.");
        errors.Require(PerDataset >= 1, "perDataset", $"must be at least 1 (got {PerDataset}).");
        errors.Require(ResolvedChannels is 1 or 3, "channels", $"must be 1 or 3 (got {ResolvedChannels}).");
        errors.Require(ResolvedImageSize >= 8, "imageSize", $"must be at least 8 (got {ResolvedImageSize}).");
        errors.Require(BatchSize >= 2, "batchSize", $"must be at least 2 (got {BatchSize}).");
        errors.Require(Temperature > 0, "temperature", $"must be positive (got {Temperature}).");
        errors.Require(ProjectionHidden >= 1 && ProjectionDimension >= 1, "projectionDimension", "projection sizes must be at least 1.");
        errors.Require(HealthImages >= 2, "healthImages", $"must be at least 2 (got {HealthImages}).");
    }
}
