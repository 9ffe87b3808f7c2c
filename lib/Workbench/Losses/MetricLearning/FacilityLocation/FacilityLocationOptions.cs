using Workbench.Clustering;

namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>
/// Settings of the loss-augmented inference (TF contrib <c>cluster_loss</c> defaults).
/// </summary>
/// <param name="MarginType">Δ's clustering score; default <see cref="FacilityMarginType.Nmi"/>.</param>
/// <param name="Normalization">NMI normalisation; default geometric √(H·H) (the paper and scikit-learn &lt; 0.22).</param>
/// <param name="EnablePam">Refine the greedy medoids with PAM sweeps (<c>enable_pam_finetuning=True</c>).</param>
/// <param name="PamSweeps">Number of PAM sweeps, no early stop (<c>pam_max_iter=5</c>).</param>
public sealed record FacilityLocationOptions(
    FacilityMarginType MarginType = FacilityMarginType.Nmi,
    NmiNormalization Normalization = NmiNormalization.Geometric,
    bool EnablePam = true,
    int PamSweeps = 5)
{
    /// <summary>Checks the parameters.</summary>
    /// <exception cref="ArgumentException">A negative sweep count or an unknown enum value.</exception>
    public void Validate()
    {
        if (PamSweeps < 0) throw new ArgumentException($"PamSweeps must be ≥ 0, got {PamSweeps}.");
        if (!Enum.IsDefined(MarginType)) throw new ArgumentException($"Unknown margin type {MarginType}.");
        if (!Enum.IsDefined(Normalization)) throw new ArgumentException($"Unknown NMI normalisation {Normalization}.");
    }
}
