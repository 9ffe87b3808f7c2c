namespace Workbench.Papers.Ucdir;

/// <summary>How a <see cref="CentroidStore"/> folds the current batch's assignment-weighted means m_j into its centroids c_j.</summary>
public enum CentroidUpdate
{
    /// <summary>c_j ← m_j = Σ_i p_ij z_i / Σ_i p_ij (the seed's formula, read literally: the centroids are the last batch's weighted means).</summary>
    BatchMean,

    /// <summary>c_j ← μ c_j + (1 − μ) m_j with momentum μ = <see cref="CentroidStore.Momentum"/>.</summary>
    Ema,

    /// <summary>c_j ← (W_j c_j + w_j m_j) / (W_j + w_j), W_j ← W_j + w_j with w_j = Σ_i p_ij: the exact weighted mean over every batch since the last <see cref="CentroidStore.ResetMass"/>.</summary>
    RunningMean,
}
