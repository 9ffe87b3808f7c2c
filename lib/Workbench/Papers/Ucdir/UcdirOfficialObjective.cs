using Workbench.Losses.Ucdir;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// The official UCDIR objective of one step (papers.md 1.4e):
/// L = ½[(λ_iw IW_A + λ_cw(e) CW_A) + (λ_iw IW_B + λ_cw(e) CW_B)] + λ_se SE·[e ≥ 100] + λ_dd DD·[e ≥ 100],
/// with the memory banks updated by the step's keys before any loss, as in the code.
/// </summary>
/// <remarks>CW is computed from the warm-up epoch on, even while its ramped weight is still 0 (as the code does), so its
/// value can be logged. SE and DD use the same prototypes as CW; DD uses the query features only.</remarks>
public sealed class UcdirOfficialObjective
{
    /// <summary>Creates the objective (default Office-Home settings).</summary>
    public UcdirOfficialObjective(UcdirOfficialOptions? options = null)
    {
        Options = options ?? new UcdirOfficialOptions();
        Options.Validate();
    }

    /// <summary>The configuration.</summary>
    public UcdirOfficialOptions Options { get; }

    /// <summary>Computes the step's objective for zero-based <paramref name="epoch"/>.</summary>
    /// <param name="a">Domain A: q, k, ids and bank (all required).</param>
    /// <param name="b">Domain B.</param>
    /// <param name="epoch">Zero-based epoch (selects the stage weights).</param>
    /// <param name="clustersA">A's k-means pseudo-labels and prototypes this epoch (required from the warm-up on).</param>
    /// <param name="clustersB">B's.</param>
    /// <param name="updateBanks">Write the keys into the banks first (default true, the official order).</param>
    public UcdirLossTerms Compute(UcdirDomainBatch a, UcdirDomainBatch b, int epoch, UcdirPseudoLabels? clustersA, UcdirPseudoLabels? clustersB, bool updateBanks = true)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var o = Options;
        var w = o.Schedule.At(epoch);
        var (keysA, idsA, bankA) = a.RequireBank("The official objective", "A");
        var (keysB, idsB, bankB) = b.RequireBank("The official objective", "B");
        if (updateBanks)
        {
            bankA.Update(idsA, keysA);
            bankB.Update(idsB, keysB);
        }
        var iwA = MemoryBankInfoNce.Compute(a.Queries, keysA, bankA.Features, idsA, o.Temperature);
        var iwB = MemoryBankInfoNce.Compute(b.Queries, keysB, bankB.Features, idsB, o.Temperature);
        var iw = (iwA + iwB) / 2;
        Tensor lossA = iwA * w.InstanceWise, lossB = iwB * w.InstanceWise;
        Tensor? cw = null, se = null, dd = null;

        bool needClusters = w.ClustersActive && (o.UseClusterWise || (o.UseSelfEntropy && w.SelfEntropyActive) || (o.UseDistanceOfDistance && w.DistanceOfDistanceActive));
        if (needClusters && (clustersA is null || clustersB is null))
            throw new ArgumentException($"Epoch {epoch} is past the warm-up ({o.Schedule.WarmupEpochs} epochs): pass this epoch's k-means pseudo-labels for both domains.");
        if (needClusters && o.UseClusterWise)
        {
            var cwA = BankClusterContrastiveLoss.Compute(a.Queries, keysA, idsA, bankA.Features, clustersA!.Labels, clustersA.Prototypes, o.Temperature, o.FilterThreshold);
            var cwB = BankClusterContrastiveLoss.Compute(b.Queries, keysB, idsB, bankB.Features, clustersB!.Labels, clustersB.Prototypes, o.Temperature, o.FilterThreshold);
            cw = (cwA + cwB) / 2;
            lossA = lossA + cwA * w.ClusterWise;
            lossB = lossB + cwB * w.ClusterWise;
        }
        var total = (lossA + lossB) / 2;
        if (needClusters && o.UseSelfEntropy && w.SelfEntropyActive)
        {
            se = SelfEntropyLoss.OverPrototypePairs(a.Queries, b.Queries, clustersA!.Prototypes, clustersB!.Prototypes, o.SelfEntropyTemperature);
            total = total + se * w.SelfEntropy;
        }
        if (needClusters && o.UseDistanceOfDistance && w.DistanceOfDistanceActive)
        {
            dd = ProfileDistanceOfDistanceLoss.Compute(a.Queries, b.Queries, clustersA!.Prototypes, clustersB!.Prototypes, o.DdTemperature, o.DdPairwiseEps);
            total = total + dd * w.DistanceOfDistance;
        }
        return new UcdirLossTerms(total, iw, cw, se, dd) { Weights = w };
    }
}
