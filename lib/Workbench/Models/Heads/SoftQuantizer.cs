using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Models.Heads;

/// <summary>
/// The product-quantization arithmetic of SPQ as pure functions (papers.md 2.1). Layouts:
/// descriptor x̂ <c>[N, M·d]</c>; codebook C <c>[K, M·d]</c> (the official code's layout: sub-codebook
/// m is the column block [m·d, (m+1)·d)); sub-codebooks <c>[M, K, d]</c> (FAISS / PQ-index layout);
/// distances and assignment weights <c>[N, M, K]</c>; codes <c>[N, M]</c> int64. All functions keep
/// the dtype and device of their inputs and are differentiable unless stated.
/// </summary>
public static class SoftQuantizer
{
    private const long ChunkElements = 1L << 23;

    /// <summary>C <c>[K, M·d]</c> → <c>[M, K, d]</c> as a contiguous tensor (differentiable; detach it for an index).</summary>
    public static Tensor SubCodebooks(Tensor codebook, int codebooks)
    {
        CheckCodebook(codebook, codebooks);
        long k = codebook.shape[0], d = codebook.shape[1] / codebooks;
        using var view = codebook.reshape(k, codebooks, d);
        using var permuted = view.permute(1, 0, 2);
        return permuted.contiguous();
    }

    /// <summary>‖x̂_m − c_mk‖² for every sample, sub-space and codeword: <c>[N, M, K]</c>, computed from the differences (no ‖a‖²−2ab+‖b‖² cancellation), like the official <c>squared_distances</c>.</summary>
    public static Tensor SquaredDistances(Tensor descriptor, Tensor codebook, int codebooks)
    {
        CheckShapes(descriptor, codebook, codebooks);
        long n = descriptor.shape[0], k = codebook.shape[0], d = codebook.shape[1] / codebooks;
        using var x = descriptor.reshape(n, codebooks, 1, d);
        using var sub = SubCodebooks(codebook, codebooks);
        using var c = sub.unsqueeze(0);
        using var diff = x - c;
        using var squared = diff.square();
        return squared.sum(-1);
    }

    /// <summary>Soft assignment p_mk = softmax_k(−‖x̂_m − c_mk‖² / τ_q): <c>[N, M, K]</c>, rows sum to 1.</summary>
    public static Tensor SoftAssignment(Tensor descriptor, Tensor codebook, int codebooks, double temperature)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "τ_q must be > 0.");
        using var distances = SquaredDistances(descriptor, codebook, codebooks);
        using var logits = distances.mul(-1.0 / temperature);
        return logits.softmax(-1);
    }

    /// <summary>One-hot hard assignment at argmin_k ‖x̂_m − c_mk‖²: <c>[N, M, K]</c> in the descriptor's dtype (no gradient).</summary>
    public static Tensor HardAssignment(Tensor descriptor, Tensor codebook, int codebooks)
    {
        using var codes = Encode(descriptor, codebook, codebooks);
        using var oneHot = F.one_hot(codes, codebook.shape[0]);
        return oneHot.to(descriptor.dtype);
    }

    /// <summary>ẑ_m = Σ_k w_mk c_mk for assignment weights <c>[N, M, K]</c>: <c>[N, M·d]</c>, sub-space m in columns [m·d, (m+1)·d).</summary>
    public static Tensor Combine(Tensor weights, Tensor codebook, int codebooks)
    {
        CheckCodebook(codebook, codebooks);
        long n = weights.shape[0], k = codebook.shape[0], d = codebook.shape[1] / codebooks;
        if (weights.dim() != 3 || weights.shape[1] != codebooks || weights.shape[2] != k)
        {
            throw new ArgumentException($"Assignment weights must be [N, {codebooks}, {k}]; got [{string.Join(", ", weights.shape)}].", nameof(weights));
        }
        using var sub = SubCodebooks(codebook, codebooks);
        using var w = weights.permute(1, 0, 2);
        using var z = w.bmm(sub);
        using var zt = z.permute(1, 0, 2);
        return zt.reshape(n, codebooks * d);
    }

    /// <summary>Soft quantization ẑ (SPQ, papers.md 2.1): <c>[N, M·d]</c>.</summary>
    public static Tensor Soft(Tensor descriptor, Tensor codebook, int codebooks, double temperature)
    {
        using var p = SoftAssignment(descriptor, codebook, codebooks, temperature);
        return Combine(p, codebook, codebooks);
    }

    /// <summary>Hard quantization: ẑ_m = c_{m,k*} (gradient to the selected codewords only).</summary>
    public static Tensor Hard(Tensor descriptor, Tensor codebook, int codebooks)
    {
        using var p = HardAssignment(descriptor, codebook, codebooks);
        return Combine(p, codebook, codebooks);
    }

    /// <summary>
    /// Hard forward, soft gradient: ẑ = ẑ_soft + stopgrad(ẑ_hard − ẑ_soft). Values equal <see cref="Hard"/>
    /// (up to one rounding), gradients w.r.t. x̂ and C equal <see cref="Soft"/>'s.
    /// </summary>
    public static Tensor HardStraightThrough(Tensor descriptor, Tensor codebook, int codebooks, double temperature)
    {
        using var soft = Soft(descriptor, codebook, codebooks, temperature);
        using var hard = Hard(descriptor, codebook, codebooks);
        using var gap = hard - soft;
        using var detached = gap.detach();
        return soft + detached;
    }

    /// <summary>
    /// PQ codes b_m = argmin_k ‖x̂_m − c_mk‖² (ties → lowest k): <c>[N, M]</c> int64, no gradient.
    /// Processed in row chunks of at most 2²³ difference elements, so a whole database fits.
    /// </summary>
    public static Tensor Encode(Tensor descriptor, Tensor codebook, int codebooks)
    {
        CheckShapes(descriptor, codebook, codebooks);
        using var _ = no_grad();
        long n = descriptor.shape[0];
        long perRow = Math.Max(1, codebook.shape[0] * codebook.shape[1]);
        long chunk = Math.Max(1, ChunkElements / perRow);
        if (n <= chunk)
        {
            using var distances = SquaredDistances(descriptor, codebook, codebooks);
            return distances.argmin(-1);
        }
        var parts = new List<Tensor>();
        try
        {
            for (long start = 0; start < n; start += chunk)
            {
                using var rows = descriptor.narrow(0, start, Math.Min(chunk, n - start));
                using var distances = SquaredDistances(rows, codebook, codebooks);
                parts.Add(distances.argmin(-1));
            }
            return cat(parts, 0);
        }
        finally
        {
            foreach (var p in parts) p.Dispose();
        }
    }

    /// <summary>Hard reconstruction from codes <c>[N, M]</c>: ẑ_m = c_{m, b_m}, <c>[N, M·d]</c>, no gradient.</summary>
    public static Tensor Decode(Tensor codes, Tensor codebook, int codebooks)
    {
        CheckCodebook(codebook, codebooks);
        if (codes.dim() != 2 || codes.shape[1] != codebooks)
        {
            throw new ArgumentException($"Codes must be [N, {codebooks}]; got [{string.Join(", ", codes.shape)}].", nameof(codes));
        }
        using var _ = no_grad();
        using var codes64 = codes.to(ScalarType.Int64);
        using var oneHot = F.one_hot(codes64, codebook.shape[0]);
        using var weights = oneHot.to(codebook.dtype);
        return Combine(weights, codebook, codebooks);
    }

    private static void CheckCodebook(Tensor codebook, int codebooks)
    {
        if (codebooks < 1) throw new ArgumentOutOfRangeException(nameof(codebooks), codebooks, "Need at least one codebook.");
        if (codebook.dim() != 2 || codebook.shape[1] % codebooks != 0)
        {
            throw new ArgumentException($"Codebook must be [K, M·d] with M = {codebooks} dividing the columns; got [{string.Join(", ", codebook.shape)}].", nameof(codebook));
        }
    }

    private static void CheckShapes(Tensor descriptor, Tensor codebook, int codebooks)
    {
        CheckCodebook(codebook, codebooks);
        if (descriptor.dim() != 2 || descriptor.shape[1] != codebook.shape[1])
        {
            throw new ArgumentException($"Descriptor must be [N, {codebook.shape[1]}] (M·d); got [{string.Join(", ", descriptor.shape)}].", nameof(descriptor));
        }
    }
}
