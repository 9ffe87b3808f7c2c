using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Reporting.Embedding;

/// <summary>
/// The input-space affinities of t-SNE. For each point i a Gaussian conditional
/// p(j|i) = exp(−β_i d²_ij) / Σ_{k≠i} exp(−β_i d²_ik) over the squared Euclidean distances, with β_i
/// chosen so that its entropy H(P_i) = −Σ_j p(j|i) ln p(j|i) equals ln(perplexity); then the joint
/// p_ij = (p(j|i) + p(i|j)) / 2N (van der Maaten and Hinton 2008, eq. 1 and §3.1).
/// </summary>
/// <remarks>
/// The search for β_i is the reference bisection (raise β while the entropy is too high, double
/// until bracketed, then halve the bracket), accelerated by a Newton step on
/// dH/dβ = −β Var_{P_i}(d²) whenever that step stays inside the current bracket; it starts from
/// β_i = ln(perplexity) / (shifted distance to the ⌈perplexity⌉-th neighbour), where that neighbour's
/// weight is 1/perplexity, and rows that have converged drop out of
/// later steps. All in float64 on the input's device, rows in chunks to bound memory; each row's
/// distances are shifted by their minimum before exponentiating (the entropy does not change), so
/// no row underflows to zeros.
/// </remarks>
public static class TSneAffinities
{
    private const long ChunkElements = 1 << 22;

    /// <summary>The conditional probabilities p(j|i), [N, N] float64 (rows sum to 1, zero diagonal), and the β_i found.</summary>
    /// <param name="x">Points [N, D], any float dtype.</param>
    /// <param name="perplexity">Target perplexity, in [1, N − 1).</param>
    /// <param name="tolerance">Entropy tolerance in nats.</param>
    /// <param name="maxSteps">Search steps per row.</param>
    public static (Tensor Conditional, double[] Betas) Conditional(Tensor x, double perplexity, double tolerance = 1e-5, int maxSteps = 100)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 2) throw new ArgumentException($"x must be [N, D]; got [{string.Join(", ", x.shape)}].", nameof(x));
        long n = x.shape[0];
        if (!(perplexity >= 1) || perplexity >= n - 1)
            throw new ArgumentOutOfRangeException(nameof(perplexity), $"perplexity must be in [1, N − 1) = [1, {n - 1}); got {perplexity}. Use about N/3 or less for small N.");
        double logU = Math.Log(perplexity);
        using var scope = NewDisposeScope();
        var xf = x.detach().to_type(ScalarType.Float64);
        var norms = xf.square().sum(1);
        var result = empty(n, n, dtype: ScalarType.Float64, device: x.device);
        var betas = new double[n];
        long chunk = Math.Max(1, ChunkElements / n);
        for (long start = 0; start < n; start += chunk)
        {
            using var chunkScope = NewDisposeScope();
            long c = Math.Min(n, start + chunk) - start;
            var d = xf.narrow(0, start, c).mm(xf.t()).mul_(-2).add_(norms.narrow(0, start, c).unsqueeze(1)).add_(norms.unsqueeze(0)).clamp_min_(0);
            using (var self = d.narrow(1, start, c).diagonal()) self.fill_(double.PositiveInfinity);
            d.sub_(d.min(1, keepdim: true).values);
            // The self entry becomes 0: exp(0) = 1 is subtracted from each row sum below.
            using (var self = d.narrow(1, start, c).diagonal()) self.zero_();
            var d2 = d.square();
            long k = Math.Min(n - 1, (long)Math.Ceiling(perplexity)) + 1;
            var kth = d.topk((int)k, 1, largest: false, sorted: true).values.narrow(1, k - 1, 1);
            var beta = where(kth > 0, kth.reciprocal().mul_(Math.Max(1.0, logU)), ones_like(kth));
            var lo = zeros_like(beta);
            var hi = full_like(beta, double.PositiveInfinity);
            // Rows still searching; converged rows drop out, so later steps touch only a few rows.
            var rows = arange(c, dtype: ScalarType.Int64, device: x.device);
            for (int step = 0; step < maxSteps && rows.shape[0] > 0; step++)
            {
                using var stepScope = NewDisposeScope();
                var dA = d.index_select(0, rows);
                var bA = beta.index_select(0, rows);
                var (h, variance) = Entropy(dA, d2.index_select(0, rows), bA, empty_like(dA));
                var diff = h - logU;
                var active = diff.abs() >= tolerance;
                var tooFlat = diff > 0; // entropy too high: sharpen (raise β)
                var loA = where(active & tooFlat, bA, lo.index_select(0, rows));
                var hiA = where(active & tooFlat.logical_not(), bA, hi.index_select(0, rows));
                var newton = bA + diff / (bA * variance);
                var inside = newton.isfinite() & (newton > loA) & (newton < hiA);
                var bisect = where(tooFlat, where(hiA.isinf(), bA * 2, (bA + hiA) / 2), (bA + loA) / 2);
                beta.index_copy_(0, rows, where(active, where(inside, newton, bisect), bA));
                lo.index_copy_(0, rows, loA);
                hi.index_copy_(0, rows, hiA);
                rows = rows.masked_select(active.squeeze(1)).MoveToOuterDisposeScope();
            }
            var p = empty_like(d);
            var (_, _) = Entropy(d, d2, beta, p);
            var sum = p.sum(1, keepdim: true).sub_(1);
            p.div_(sum);
            using (var self = p.narrow(1, start, c).diagonal()) self.zero_();
            result.narrow(0, start, c).copy_(p);
            beta.cpu().data<double>().ToArray().CopyTo(betas, start);
        }
        return (result.MoveToOuterDisposeScope(), betas);
    }

    /// <summary>The joint affinities p_ij = (p(j|i) + p(i|j)) / 2N, [N, N] float64, symmetric, zero diagonal, off-diagonal floored at 10⁻¹².</summary>
    public static (Tensor Joint, double[] Betas) Joint(Tensor x, double perplexity, double tolerance = 1e-5, int maxSteps = 100)
    {
        var (cond, betas) = Conditional(x, perplexity, tolerance, maxSteps);
        using (cond)
        {
            using var scope = NewDisposeScope();
            long n = cond.shape[0];
            var joint = (cond + cond.t()).div_(2.0 * n).clamp_min_(1e-12);
            using (var diag = joint.diagonal()) diag.zero_();
            return (joint.MoveToOuterDisposeScope(), betas);
        }
    }

    /// <summary>
    /// Entropy H and variance of the shifted squared distance under each row's conditional at
    /// precision β, both [c, 1]. Leaves the unnormalised weights exp(−β d) in <paramref name="p"/>,
    /// whose self entry is exp(0) = 1 (excluded from the sums).
    /// </summary>
    private static (Tensor H, Tensor Variance) Entropy(Tensor d, Tensor d2, Tensor beta, Tensor p)
    {
        p.copy_(d).mul_(-beta).exp_();
        var sum = p.sum(1, keepdim: true).sub_(1);
        var pCol = p.unsqueeze(2);
        var mean = d.unsqueeze(1).bmm(pCol).squeeze(2).div_(sum);   // E[d]; the self term is 0 · 1
        var second = d2.unsqueeze(1).bmm(pCol).squeeze(2).div_(sum); // E[d²]
        var h = sum.log().add_(beta * mean);
        var variance = second.sub_(mean.square()).clamp_min_(0);
        return (h, variance);
    }
}
