using static TorchSharp.torch;

namespace Workbench.Clustering;

/// <summary>
/// Output of <see cref="Sinkhorn.Solve"/>: the entropic transport plan, its dual potentials and how the
/// iterations ended. The tensors live on the cost's device and dtype and belong to the caller (dispose
/// them, or let the enclosing dispose scope do it).
/// </summary>
/// <param name="Plan">Transport plan P <c>[n, m]</c>, P_ij = exp((f_i + g_j − C_ij)/ε); rows sum to a, columns to b.</param>
/// <param name="LogPlan">log P <c>[n, m]</c> (finite where the plan underflows to zero).</param>
/// <param name="F">Row potential f <c>[n]</c> (ε times the log row scaling).</param>
/// <param name="G">Column potential g <c>[m]</c>.</param>
/// <param name="Iterations">Iterations run.</param>
/// <param name="MarginalError">Σ_i |Σ_j P_ij − a_i| of the returned plan (its column error is at rounding level).</param>
/// <param name="Converged">Whether <paramref name="MarginalError"/> reached the tolerance.</param>
/// <param name="TransportCost">⟨P, C⟩ = Σ_ij P_ij C_ij, the transport cost of the plan without the entropy term.</param>
public sealed record SinkhornResult(
    Tensor Plan, Tensor LogPlan, Tensor F, Tensor G, int Iterations, double MarginalError, bool Converged, double TransportCost) : IDisposable
{
    /// <summary>Disposes the four tensors.</summary>
    public void Dispose()
    {
        Plan.Dispose();
        LogPlan.Dispose();
        F.Dispose();
        G.Dispose();
    }
}
