namespace Workbench.Papers.Ucdir;

/// <summary>The official variant's loss weights for one epoch (see <see cref="UcdirStageSchedule.At"/>).</summary>
/// <param name="Epoch">Zero-based epoch.</param>
/// <param name="InstanceWise">λ_iw (always on).</param>
/// <param name="ClustersActive">Whether pseudo-labels exist and CW is computed (epoch ≥ warm-up); CW can be computed with weight 0.</param>
/// <param name="ClusterWise">λ_cw(e), the ramped CW weight (0 while inactive).</param>
/// <param name="SelfEntropy">λ_se once active, else 0.</param>
/// <param name="DistanceOfDistance">λ_dd once active, else 0.</param>
public sealed record UcdirStageWeights(int Epoch, double InstanceWise, bool ClustersActive, double ClusterWise, double SelfEntropy, double DistanceOfDistance)
{
    /// <summary>Whether SE is part of the objective this epoch.</summary>
    public bool SelfEntropyActive => SelfEntropy != 0;

    /// <summary>Whether DD is part of the objective this epoch.</summary>
    public bool DistanceOfDistanceActive => DistanceOfDistance != 0;
}
