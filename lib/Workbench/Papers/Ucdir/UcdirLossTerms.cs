using Workbench.Clustering;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// The UCDIR objective of one step and its parts (scalar tensors; a part is null when it was not computed).
/// Tensors belong to the caller's dispose scope.
/// </summary>
/// <param name="Total">The weighted sum to back-propagate.</param>
/// <param name="InstanceWise">IW (official: ½(IW_A + IW_B)).</param>
/// <param name="ClusterWise">CW (seed: over both domains' samples; official: ½(CW_A + CW_B)).</param>
/// <param name="SelfEntropy">SE.</param>
/// <param name="DistanceOfDistance">DD.</param>
public sealed record UcdirLossTerms(Tensor Total, Tensor? InstanceWise, Tensor? ClusterWise, Tensor? SelfEntropy, Tensor? DistanceOfDistance)
{
    /// <summary>Seed variant: π from the Sinkhorn matching of A's to B's centroids (null if DD was off).</summary>
    public int[]? Permutation { get; init; }

    /// <summary>Seed variant: the Sinkhorn solve behind <see cref="Permutation"/>.</summary>
    public SinkhornResult? Matching { get; init; }

    /// <summary>Official variant: the stage weights used.</summary>
    public UcdirStageWeights? Weights { get; init; }

    /// <summary>The parts as numbers for a history row: total, iw, cw, se, dd (NaN when not computed).</summary>
    public IReadOnlyDictionary<string, double> ToScalars()
    {
        static double V(Tensor? t)
        {
            if (t is null) return double.NaN;
            using var d = t.detach().to(ScalarType.Float64);
            return d.item<double>();
        }
        return new Dictionary<string, double>
        {
            ["total"] = V(Total),
            ["iw"] = V(InstanceWise),
            ["cw"] = V(ClusterWise),
            ["se"] = V(SelfEntropy),
            ["dd"] = V(DistanceOfDistance),
        };
    }
}
