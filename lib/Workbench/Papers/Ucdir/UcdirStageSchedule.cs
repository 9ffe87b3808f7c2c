namespace Workbench.Papers.Ucdir;

/// <summary>
/// The official UCDIR staged loss weights (main.py at ad7fa42, papers.md 1.4e / 1.5): IW always at λ_iw;
/// pseudo-labels and CW from the warm-up epoch; the CW weight ramps linearly from
/// <see cref="ClusterWiseStartWeight"/> at <see cref="ClusterWiseStartEpoch"/> to <see cref="ClusterWiseMaxWeight"/> at
/// <see cref="ClusterWiseSaturationEpoch"/>; SE and DD switch on at their start epochs with constant weights.
/// </summary>
/// <remarks>
/// The ramp is the code's, epoch e zero-based: λ_cw = start for e ≤ start epoch; start + (max − start)·(e − s)/(sat − s)
/// for s &lt; e &lt; sat; max from sat on. With the scripts (200 epochs, warm-up 20, saturation 100, SE/DD from 100)
/// the stages sit at 10 % and 50 % of the run; <see cref="Scaled"/> keeps those fractions for shorter runs.
/// </remarks>
public sealed record UcdirStageSchedule
{
    /// <summary>Total epochs of the run (scripts: 200).</summary>
    public int TotalEpochs { get; init; } = 200;

    /// <summary>Epochs of IW-only training before k-means pseudo-labels and CW (<c>--warmup-epoch</c>, 20).</summary>
    public int WarmupEpochs { get; init; } = 20;

    /// <summary>λ_iw (<c>--instcon-weight</c>, 1.0).</summary>
    public double InstanceWiseWeight { get; init; } = 1.0;

    /// <summary>Start of the CW ramp (<c>--cwcon-startepoch</c>, 20).</summary>
    public int ClusterWiseStartEpoch { get; init; } = 20;

    /// <summary>End of the CW ramp (<c>--cwcon-satureepoch</c>, 100).</summary>
    public int ClusterWiseSaturationEpoch { get; init; } = 100;

    /// <summary>CW weight at the ramp start (<c>--cwcon-weightstart</c>, 0.0).</summary>
    public double ClusterWiseStartWeight { get; init; }

    /// <summary>CW weight from saturation on (<c>--cwcon-weightsature</c>: 0.5 Office-Home, 1.0 DomainNet).</summary>
    public double ClusterWiseMaxWeight { get; init; } = 0.5;

    /// <summary>First epoch with SE (<c>--selfentro-startepoch</c>, 100).</summary>
    public int SelfEntropyStartEpoch { get; init; } = 100;

    /// <summary>λ_se (<c>--selfentro-weight</c>: 1.0 Office-Home, 0.5 DomainNet).</summary>
    public double SelfEntropyWeight { get; init; } = 1.0;

    /// <summary>First epoch with DD (<c>--distofdist-startepoch</c>, 100).</summary>
    public int DistanceOfDistanceStartEpoch { get; init; } = 100;

    /// <summary>λ_dd (<c>--distofdist-weight</c>: 0.5 Office-Home, 0.1 DomainNet).</summary>
    public double DistanceOfDistanceWeight { get; init; } = 0.5;

    /// <summary>scripts/office-home.sh: CW → 0.5, SE 1.0, DD 0.5 (SE temperature 0.01 lives in the loss options).</summary>
    public static UcdirStageSchedule OfficeHome { get; } = new();

    /// <summary>scripts/domainnet.sh: CW → 1.0, SE 0.5, DD 0.1 (SE temperature 0.1 lives in the loss options).</summary>
    public static UcdirStageSchedule DomainNet { get; } = new() { ClusterWiseMaxWeight = 1.0, SelfEntropyWeight = 0.5, DistanceOfDistanceWeight = 0.1 };

    /// <summary>
    /// This schedule stretched to <paramref name="totalEpochs"/>: every stage epoch e becomes round(e · total / <see cref="TotalEpochs"/>)
    /// (20/100 of 200 → 10 %/50 %), weights unchanged.
    /// </summary>
    public UcdirStageSchedule Scaled(int totalEpochs)
    {
        if (totalEpochs < 1) throw new ArgumentException($"A run needs at least one epoch; got {totalEpochs}.", nameof(totalEpochs));
        int S(int e) => (int)Math.Round(e * (double)totalEpochs / TotalEpochs, MidpointRounding.AwayFromZero);
        return this with
        {
            TotalEpochs = totalEpochs,
            WarmupEpochs = S(WarmupEpochs),
            ClusterWiseStartEpoch = S(ClusterWiseStartEpoch),
            ClusterWiseSaturationEpoch = S(ClusterWiseSaturationEpoch),
            SelfEntropyStartEpoch = S(SelfEntropyStartEpoch),
            DistanceOfDistanceStartEpoch = S(DistanceOfDistanceStartEpoch),
        };
    }

    /// <summary>The weights of zero-based epoch <paramref name="epoch"/>.</summary>
    public UcdirStageWeights At(int epoch)
    {
        Validate();
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Epochs are zero-based and non-negative.");
        bool clusters = epoch >= WarmupEpochs;
        double cw = 0;
        if (clusters)
        {
            if (epoch <= ClusterWiseStartEpoch) cw = ClusterWiseStartWeight;
            else if (epoch < ClusterWiseSaturationEpoch)
                cw = ClusterWiseStartWeight + (ClusterWiseMaxWeight - ClusterWiseStartWeight) *
                     ((double)(epoch - ClusterWiseStartEpoch) / (ClusterWiseSaturationEpoch - ClusterWiseStartEpoch));
            else cw = ClusterWiseMaxWeight;
        }
        // SE and DD use the prototypes, which exist only after the warm-up.
        double se = clusters && epoch >= SelfEntropyStartEpoch ? SelfEntropyWeight : 0;
        double dd = clusters && epoch >= DistanceOfDistanceStartEpoch ? DistanceOfDistanceWeight : 0;
        return new UcdirStageWeights(epoch, InstanceWiseWeight, clusters, cw, se, dd);
    }

    /// <summary>Throws <see cref="ArgumentException"/> for an inconsistent schedule.</summary>
    public void Validate()
    {
        if (TotalEpochs < 1) throw new ArgumentException($"TotalEpochs must be ≥ 1; got {TotalEpochs}.");
        if (WarmupEpochs < 0 || ClusterWiseStartEpoch < 0 || SelfEntropyStartEpoch < 0 || DistanceOfDistanceStartEpoch < 0)
            throw new ArgumentException("Stage epochs must be non-negative.");
        if (ClusterWiseSaturationEpoch <= ClusterWiseStartEpoch)
            throw new ArgumentException($"The CW ramp must end after it starts: start {ClusterWiseStartEpoch}, saturation {ClusterWiseSaturationEpoch}.");
    }
}
