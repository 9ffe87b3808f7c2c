namespace Workbench.Models.Heads;

/// <summary>How <see cref="SoftQuantizationHead"/> turns a descriptor sub-vector into ẑ_m.</summary>
public enum QuantizationMode
{
    /// <summary>
    /// SPQ (papers.md 2.1): ẑ_m = Σ_k p_mk c_mk with p_mk = softmax_k(−‖x̂_m − c_mk‖² / τ_q).
    /// Differentiable; gradients reach the descriptor x̂ and every codeword.
    /// </summary>
    Soft,

    /// <summary>
    /// SPQ-H ablation ("hard quantization instead of soft"): ẑ_m = c_{m,k*}, k* = argmin_k ‖x̂_m − c_mk‖².
    /// The argmin has no gradient, so nothing flows from ẑ back to x̂ through the assignment;
    /// the selected codewords receive the gradient of ẑ (as in VQ codebook learning), and x̂ is
    /// trained through its own terms of the loss (x̂^a against ẑ^b). This is the project's
    /// reading of SPQ-H; the paper releases no code for it.
    /// </summary>
    Hard,

    /// <summary>
    /// Hard forward, soft backward (straight-through estimator): ẑ = ẑ_soft + stopgrad(ẑ_hard − ẑ_soft).
    /// Forward values equal <see cref="Hard"/> (up to one rounding); gradients equal <see cref="Soft"/>'s (to x̂ and all codewords).
    /// An alternative SPQ-H reading, offered for comparison.
    /// </summary>
    HardStraightThrough,
}
