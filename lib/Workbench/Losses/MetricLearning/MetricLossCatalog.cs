using Workbench.Losses.MetricLearning.FacilityLocation;

namespace Workbench.Losses.MetricLearning;

/// <summary>
/// The five losses of the facility-location ablation by name, in their reference configuration
/// (TF contrib by default, pytorch-metric-learning's conventions on request), so a preset or
/// an ablation grid names a loss instead of branching on it.
/// </summary>
public static class MetricLossCatalog
{
    /// <summary>Contrastive loss over all pairs of the batch.</summary>
    public const string Contrastive = "contrastive";

    /// <summary>Triplet loss with semi-hard negative mining.</summary>
    public const string TripletSemiHard = "triplet-semihard";

    /// <summary>Smooth lifted structured loss.</summary>
    public const string LiftedStructured = "lifted-structured";

    /// <summary>Multi-class N-pair loss (needs exactly two images per class).</summary>
    public const string NPairMc = "npair-mc";

    /// <summary>Facility-location clustering loss.</summary>
    public const string FacilityLocation = "facility-location";

    /// <summary>Every name <see cref="Create"/> accepts, in the paper's table order plus contrastive.</summary>
    public static IReadOnlyList<string> Names { get; } = [TripletSemiHard, LiftedStructured, NPairMc, FacilityLocation, Contrastive];

    /// <summary>Creates a loss by name.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="gamma">γ schedule of the facility-location loss (ignored by the others); default <see cref="GammaSchedule"/>().</param>
    /// <param name="pytorchMetricLearning">Use pytorch-metric-learning's conventions for the baselines (no effect on facility location, which PML lacks).</param>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static MetricLoss Create(string name, GammaSchedule? gamma = null, bool pytorchMetricLearning = false) =>
        name.Trim().ToLowerInvariant() switch
        {
            Contrastive => pytorchMetricLearning ? ContrastiveLoss.PytorchMetricLearning() : new ContrastiveLoss(),
            TripletSemiHard => pytorchMetricLearning
                ? TripletLoss.PytorchMetricLearning(miner: new Miners.TripletMarginMiner(0.2, Miners.TripletMarginType.SemiHard))
                : new TripletLoss(),
            LiftedStructured => pytorchMetricLearning ? LiftedStructuredLoss.PytorchMetricLearning() : new LiftedStructuredLoss(),
            NPairMc => pytorchMetricLearning ? NPairMcLoss.PytorchMetricLearning() : new NPairMcLoss(),
            FacilityLocation => new FacilityLocationLoss(gamma),
            _ => throw new ArgumentException($"Unknown metric-learning loss '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
        };
}
