using Workbench.Losses.Ucdir;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// The seed variant's objective L = λ_cw L_CW + λ_dd L_DD + λ_se L_SE (+ λ_iw IW for the ablation baseline), with the
/// seed's weights 1, 0.1, 0.01 as defaults. The four ablation rows are <see cref="InstanceWiseOnly"/>, <see cref="ClusterWiseOnly"/>,
/// <see cref="ClusterWiseSelfEntropy"/> and <see cref="Full"/> (the default).
/// </summary>
public sealed record UcdirSeedOptions
{
    /// <summary>Assignment temperature τ in p_ij = softmax(cos(z_i, c_j)/τ) (0.1).</summary>
    public double Temperature { get; init; } = SoftAssignment.DefaultTemperature;

    /// <summary>Include IW (memory-bank InfoNCE) — the ablation baseline (default off).</summary>
    public bool UseInstanceWise { get; init; }

    /// <summary>Include L_CW (default on).</summary>
    public bool UseClusterWise { get; init; } = true;

    /// <summary>Include L_SE (default on).</summary>
    public bool UseSelfEntropy { get; init; } = true;

    /// <summary>Include L_DD (default on).</summary>
    public bool UseDistanceOfDistance { get; init; } = true;

    /// <summary>λ_iw (1.0).</summary>
    public double InstanceWiseWeight { get; init; } = 1.0;

    /// <summary>λ_cw (1.0).</summary>
    public double ClusterWiseWeight { get; init; } = 1.0;

    /// <summary>λ_dd (0.1).</summary>
    public double DistanceOfDistanceWeight { get; init; } = 0.1;

    /// <summary>λ_se (0.01).</summary>
    public double SelfEntropyWeight { get; init; } = 0.01;

    /// <summary>IW temperature T (0.2, as the official code; the seed gives none).</summary>
    public double InstanceWiseTemperature { get; init; } = MemoryBankInfoNce.DefaultTemperature;

    /// <summary>Reduction of L_CW and L_SE over the samples of both domains (default the seed's sum).</summary>
    public UcdirReduction Reduction { get; init; } = UcdirReduction.Sum;

    /// <summary>Which centroids L_DD compares (default <see cref="SeedDdCentroids.UpdatedCentroids"/>).</summary>
    public SeedDdCentroids DdCentroids { get; init; } = SeedDdCentroids.UpdatedCentroids;

    /// <summary>Matching cost, Sinkhorn settings, permutation method and reduction of L_DD.</summary>
    public SeedDdOptions Dd { get; init; } = new();

    /// <summary>Ablation row "IW": instance-wise InfoNCE only.</summary>
    public static UcdirSeedOptions InstanceWiseOnly { get; } = new() { UseInstanceWise = true, UseClusterWise = false, UseSelfEntropy = false, UseDistanceOfDistance = false };

    /// <summary>Ablation row "CW".</summary>
    public static UcdirSeedOptions ClusterWiseOnly { get; } = new() { UseSelfEntropy = false, UseDistanceOfDistance = false };

    /// <summary>Ablation row "CW+SE".</summary>
    public static UcdirSeedOptions ClusterWiseSelfEntropy { get; } = new() { UseDistanceOfDistance = false };

    /// <summary>Ablation row "CW+SE+DD" (the full seed objective, the default).</summary>
    public static UcdirSeedOptions Full { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> for an unusable configuration.</summary>
    public void Validate()
    {
        if (!(Temperature > 0)) throw new ArgumentException($"The assignment temperature must be positive; got {Temperature}.");
        if (!(InstanceWiseTemperature > 0)) throw new ArgumentException($"The IW temperature must be positive; got {InstanceWiseTemperature}.");
        if (!UseInstanceWise && !UseClusterWise && !UseSelfEntropy && !UseDistanceOfDistance)
            throw new ArgumentException("The seed objective has every term switched off; enable at least one of IW, CW, SE, DD.");
    }
}
