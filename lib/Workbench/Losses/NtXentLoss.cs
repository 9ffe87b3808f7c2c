using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Losses;

/// <summary>
/// NT-Xent (SimCLR; SPQ's per-direction term, papers.md 2.2). For two batches u, v <c>[N, D]</c>
/// stack W = [u; v] (2N rows); row r's positive is row r ± N, its negatives the other 2N − 2
/// rows, itself excluded. With cosine similarity s(a, b) = a·b / (max(‖a‖, ε)·max(‖b‖, ε))
/// (ε = 1e-8, the semantics of current PyTorch's <c>CosineSimilarity</c>; older releases clamped
/// the product ‖a‖·‖b‖ at ε instead, which agrees whenever both norms exceed ε),
/// ℓ = (1/2N) Σ_r −log [ exp(s(W_r, W_pos(r))/τ) / Σ_{r' ≠ r} exp(s(W_r, W_r')/τ) ].
/// Default τ = 0.5 (SPQ's τ_cqc). Output: a scalar tensor in the inputs' dtype.
/// </summary>
public sealed class NtXentLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="temperature">τ &gt; 0 (0.5 in SPQ, 0.1–0.5 in SimCLR).</param>
    /// <param name="eps">ε of the cosine similarity (1e-8).</param>
    public NtXentLoss(double temperature = 0.5, double eps = 1e-8) : base(nameof(NtXentLoss))
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be > 0.");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be > 0.");
        Temperature = temperature;
        Eps = eps;
    }

    /// <summary>τ.</summary>
    public double Temperature { get; }

    /// <summary>ε of the cosine similarity.</summary>
    public double Eps { get; }

    /// <summary>ℓ for views u, v <c>[N, D]</c> (row i of u and row i of v are a positive pair).</summary>
    public override Tensor forward(Tensor u, Tensor v) => Compute(u, v, Temperature, Eps);

    /// <summary>ℓ for views u, v <c>[N, D]</c>; see the class summary.</summary>
    /// <exception cref="ArgumentException">Shapes differ, are not 2-D, or N &lt; 2 (no negatives).</exception>
    public static Tensor Compute(Tensor u, Tensor v, double temperature = 0.5, double eps = 1e-8)
    {
        if (u.dim() != 2 || !u.shape.SequenceEqual(v.shape))
        {
            throw new ArgumentException($"NT-Xent needs two views of the same shape [N, D]; got [{string.Join(", ", u.shape)}] and [{string.Join(", ", v.shape)}].");
        }
        long n = u.shape[0];
        if (n < 2) throw new ArgumentException($"NT-Xent needs N ≥ 2 pairs so every anchor has negatives; got N = {n}.");
        using var scope = NewDisposeScope();
        var similarity = CosineSimilarityMatrix(cat([u, v], 0), eps);
        var self = eye(2 * n, dtype: ScalarType.Bool, device: u.device);
        var positive = arange(2 * n, dtype: ScalarType.Int64, device: u.device).add_(n).remainder_(2 * n);
        return InfoNce.Loss(similarity, positive, self, temperature).MoveToOuterDisposeScope();
    }

    /// <summary>All-pairs cosine similarity of the rows of w <c>[R, D]</c>: <c>[R, R]</c>, each norm clamped below at ε.</summary>
    public static Tensor CosineSimilarityMatrix(Tensor w, double eps = 1e-8)
    {
        using var unit = F.normalize(w, p: 2, dim: 1, eps: eps);
        using var t = unit.t();
        return unit.matmul(t);
    }
}
