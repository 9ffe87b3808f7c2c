using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Distances;

/// <summary>Numerically safe building blocks shared by the distances and similarities.</summary>
internal static class DistanceMath
{
    /// <summary>
    /// Squared Euclidean distances by the expansion ‖a‖² + ‖b‖² − 2 a·b (TF contrib's
    /// <c>pairwise_distance</c>), clamped at 0 to absorb rounding: [n, d] × [k, d] → [n, k].
    /// </summary>
    public static Tensor SquaredExpansion(Tensor a, Tensor b)
    {
        using var aa = a.square().sum(1, keepdim: true);
        using var bb = b.square().sum(1).unsqueeze(0);
        using var ab = a.matmul(b.t());
        using var sum = aa + bb;
        using var twice = ab.mul(2.0);
        using var sq = sum - twice;
        return sq.clamp_min(0.0);
    }

    /// <summary>Sets the diagonal of a square matrix to exactly 0 (differentiably: no gradient flows to it).</summary>
    public static Tensor ZeroDiagonal(Tensor square)
    {
        using var eye = torch.eye(square.shape[0], dtype: ScalarType.Bool, device: square.device);
        return square.masked_fill(eye, 0.0);
    }

    /// <summary>
    /// Square root that keeps exact zeros at zero with a zero gradient (√ has an infinite slope at
    /// 0): entries ≤ 0 are replaced by 1 before the root and by 0 after it, so both the value and
    /// the gradient there are 0. Elsewhere it is the plain √.
    /// </summary>
    public static Tensor SafeSqrt(Tensor squared)
    {
        using var zero = squared.le(0.0);
        using var filled = squared.masked_fill(zero, 1.0);
        using var root = filled.sqrt();
        return root.masked_fill(zero, 0.0);
    }

    /// <summary>L2-normalises rows when asked (eps 1e-12, as torch's <c>F.normalize</c>), else returns an alias.</summary>
    public static Tensor MaybeNormalize(Tensor x, bool normalize) =>
        normalize ? Normalize(x, 1e-12) : x.alias();

    /// <summary>L2-normalises rows, each norm clamped below at <paramref name="eps"/> (torch's <c>F.normalize</c>).</summary>
    public static Tensor Normalize(Tensor x, double eps) => nn.functional.normalize(x, p: 2.0, dim: 1, eps: eps);
}
