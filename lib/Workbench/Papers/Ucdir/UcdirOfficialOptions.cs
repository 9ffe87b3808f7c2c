using Workbench.Losses.Ucdir;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// The official UCDIR objective's settings (papers.md 1.4, 1.5): temperatures, filter, ablation switches and the staged
/// schedule. <see cref="OfficeHome"/> and <see cref="DomainNet"/> are the two scripts' values.
/// </summary>
public sealed record UcdirOfficialOptions
{
    /// <summary>T of IW, CW and the CW confidence filter (0.2).</summary>
    public double Temperature { get; init; } = MemoryBankInfoNce.DefaultTemperature;

    /// <summary>CW confidence threshold (0.2).</summary>
    public double FilterThreshold { get; init; } = BankClusterContrastiveLoss.DefaultFilterThreshold;

    /// <summary>τ_se (Office-Home 0.01, DomainNet 0.1).</summary>
    public double SelfEntropyTemperature { get; init; } = 0.01;

    /// <summary>Softmax temperature of the DD profiles (hard-coded 0.01).</summary>
    public double DdTemperature { get; init; } = ProfileDistanceOfDistanceLoss.DefaultTemperature;

    /// <summary>eps inside the DD row norm (torch pairwise_distance, 1e-6).</summary>
    public double DdPairwiseEps { get; init; } = ProfileDistanceOfDistanceLoss.DefaultPairwiseEps;

    /// <summary>Ablation switch for CW (IW is always on in the official code).</summary>
    public bool UseClusterWise { get; init; } = true;

    /// <summary>Ablation switch for SE.</summary>
    public bool UseSelfEntropy { get; init; } = true;

    /// <summary>Ablation switch for DD.</summary>
    public bool UseDistanceOfDistance { get; init; } = true;

    /// <summary>The staged weights (default Office-Home, 200 epochs).</summary>
    public UcdirStageSchedule Schedule { get; init; } = UcdirStageSchedule.OfficeHome;

    /// <summary>scripts/office-home.sh.</summary>
    public static UcdirOfficialOptions OfficeHome { get; } = new();

    /// <summary>scripts/domainnet.sh: τ_se 0.1 and the DomainNet weights.</summary>
    public static UcdirOfficialOptions DomainNet { get; } = new() { SelfEntropyTemperature = 0.1, Schedule = UcdirStageSchedule.DomainNet };

    /// <summary>Ablation row "IW" (CW, SE, DD off).</summary>
    public UcdirOfficialOptions InstanceWiseOnly() => this with { UseClusterWise = false, UseSelfEntropy = false, UseDistanceOfDistance = false };

    /// <summary>Ablation row "+CW".</summary>
    public UcdirOfficialOptions WithClusterWise() => this with { UseClusterWise = true, UseSelfEntropy = false, UseDistanceOfDistance = false };

    /// <summary>Ablation row "+SE" (IW + CW + SE).</summary>
    public UcdirOfficialOptions WithSelfEntropy() => this with { UseClusterWise = true, UseSelfEntropy = true, UseDistanceOfDistance = false };

    /// <summary>Throws <see cref="ArgumentException"/> for unusable settings.</summary>
    public void Validate()
    {
        if (!(Temperature > 0) || !(SelfEntropyTemperature > 0) || !(DdTemperature > 0))
            throw new ArgumentException("UCDIR temperatures must be positive.");
        Schedule.Validate();
    }
}
