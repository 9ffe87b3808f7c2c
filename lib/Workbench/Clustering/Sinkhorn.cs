using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Clustering;

/// <summary>
/// Entropy-regularised optimal transport by Sinkhorn–Knopp iterations in the log domain:
/// min_P ⟨P, C⟩ − ε H(P) subject to P·1 = a, Pᵀ·1 = b, P ≥ 0.
/// </summary>
/// <remarks>
/// <para>With M = −C/ε and log-potentials α = f/ε, β = g/ε, one iteration is
/// α ← log a − logsumexp_j(M_ij + β_j), β ← log b − logsumexp_i(M_ij + α_i), and the plan is
/// P = exp(M + α 1ᵀ + 1 βᵀ). Working with log-sum-exp instead of the kernel exp(−C/ε) keeps small
/// ε (0.05 and below on costs in [0, 2]) free of underflow.</para>
/// <para>After a column update the column marginals hold to rounding; convergence is measured on the
/// rows as Σ_i |Σ_j P_ij − a_i| (an L1 / total-variation error, in probability units).</para>
/// <para>float32 and float64 costs are supported; everything runs on the cost's device. ε is in cost
/// units: the cost is not rescaled.</para>
/// </remarks>
public static class Sinkhorn
{
    /// <summary>Solves the entropic OT problem for <paramref name="cost"/>.</summary>
    /// <param name="cost">Cost C <c>[n, m]</c>, float32 or float64, finite.</param>
    /// <param name="a">Row marginal <c>[n]</c>, non-negative, positive sum; default uniform 1/n.</param>
    /// <param name="b">Column marginal <c>[m]</c>, non-negative, same sum as <paramref name="a"/>; default uniform 1/m.</param>
    /// <param name="options">ε, iterations, tolerance; default <see cref="SinkhornOptions"/>.</param>
    /// <returns>The plan, potentials and convergence information.</returns>
    /// <exception cref="ArgumentException">Bad shapes, dtypes, non-finite costs, negative or unbalanced marginals.</exception>
    public static SinkhornResult Solve(Tensor cost, Tensor? a = null, Tensor? b = null, SinkhornOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cost);
        options ??= new SinkhornOptions();
        options.Validate();
        if (cost.dim() != 2 || cost.shape[0] == 0 || cost.shape[1] == 0)
            throw new ArgumentException($"Sinkhorn needs a non-empty 2-D cost matrix; got shape [{string.Join(", ", cost.shape)}].", nameof(cost));
        if (cost.dtype != ScalarType.Float32 && cost.dtype != ScalarType.Float64)
            throw new ArgumentException($"Sinkhorn supports float32 and float64 costs; got {cost.dtype}. Convert with .to(float32).", nameof(cost));
        long n = cost.shape[0], m = cost.shape[1];

        using var outer = NewDisposeScope();
        using var gradMode = options.Differentiable ? null : no_grad();
        var c = options.Differentiable ? cost : cost.detach();
        if (!isfinite(c).all().item<bool>())
            throw new ArgumentException("Sinkhorn needs a finite cost matrix; it contains NaN or ±∞.", nameof(cost));
        var mu = Marginal(a, n, c, "a");
        var nu = Marginal(b, m, c, "b");
        double sumA = mu.sum().ToDouble(), sumB = nu.sum().ToDouble();
        if (Math.Abs(sumA - sumB) > 1e-5 * Math.Max(sumA, sumB))
            throw new ArgumentException($"Sinkhorn needs balanced marginals: sum(a) = {sumA}, sum(b) = {sumB}. Normalise both to sum to 1.");

        var logA = mu.log();
        var logB = nu.log();
        var scaled = c / -options.Epsilon;                          // M = −C/ε
        var alpha = logA - scaled.logsumexp(1);                     // β = 0 initially
        Tensor beta = zeros(m, dtype: c.dtype, device: c.device);
        double error = double.PositiveInfinity;
        bool converged = false;
        int iterations = 0;
        for (int it = 1; it <= options.MaxIterations; it++)
        {
            iterations = it;
            // Each iteration's temporaries (K × K) die with its scope; only the new potentials survive, so memory
            // stays flat however many iterations run. (Under autograd the graph keeps what it needs natively.)
            using var step = NewDisposeScope();
            var nextBeta = (logB - (scaled + alpha.unsqueeze(1)).logsumexp(0L)).MoveToOuterDisposeScope();
            beta.Dispose();
            beta = nextBeta;
            var rowLse = (scaled + beta.unsqueeze(0)).logsumexp(1);
            if (it % options.CheckEvery == 0 || it == options.MaxIterations)
            {
                error = (alpha + rowLse).exp().sub(mu).abs().sum().ToDouble();
                if (error <= options.Tolerance) { converged = true; break; }
            }
            if (it == options.MaxIterations) break;
            var nextAlpha = (logA - rowLse).MoveToOuterDisposeScope();
            alpha.Dispose();
            alpha = nextAlpha;
        }

        var logPlan = scaled + alpha.unsqueeze(1) + beta.unsqueeze(0);
        var plan = logPlan.exp();
        double transport = (plan * c).sum().ToDouble();
        var result = new SinkhornResult(plan, logPlan, alpha * options.Epsilon, beta * options.Epsilon, iterations, error, converged, transport);
        result.Plan.MoveToOuterDisposeScope();
        result.LogPlan.MoveToOuterDisposeScope();
        result.F.MoveToOuterDisposeScope();
        result.G.MoveToOuterDisposeScope();
        return result;
    }

    private static Tensor Marginal(Tensor? given, long size, Tensor cost, string name)
    {
        if (given is null) return full(size, 1.0 / size, dtype: cost.dtype, device: cost.device);
        if (given.dim() != 1 || given.shape[0] != size)
            throw new ArgumentException($"Sinkhorn marginal {name} must have shape [{size}]; got [{string.Join(", ", given.shape)}].", name);
        var v = given.to(cost.dtype, cost.device);
        if (!isfinite(v).all().item<bool>() || v.lt(0).any().item<bool>() || !(v.sum().ToDouble() > 0))
            throw new ArgumentException($"Sinkhorn marginal {name} must be finite, non-negative and have a positive sum.", name);
        return v;
    }
}
