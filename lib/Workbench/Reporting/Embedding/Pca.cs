using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Reporting.Embedding;

/// <summary>
/// Principal component analysis by a thin SVD of the centred data, computed in float64:
/// X − μ = U S Vᵀ, components = the first k rows of Vᵀ, explained variance = S²/(N − 1).
/// Signs are fixed so that the largest-magnitude loading of each component is positive
/// (deterministic output, as scikit-learn's <c>svd_flip</c> on the components).
/// </summary>
/// <remarks>Cost O(N·D·min(N, D)); fine for the ~5k × 2048 embeddings a report plots.</remarks>
public sealed class Pca : IDisposable
{
    private Pca(Tensor mean, Tensor components, double[] variance, double[] ratio)
    {
        Mean = mean;
        Components = components;
        ExplainedVariance = variance;
        ExplainedVarianceRatio = ratio;
    }

    /// <summary>The data mean μ, [D], float64, on the data's device.</summary>
    public Tensor Mean { get; }

    /// <summary>The principal axes as rows, [k, D], float64, unit norm, orthogonal.</summary>
    public Tensor Components { get; }

    /// <summary>Variance along each component, S²/(N − 1), length k, descending.</summary>
    public IReadOnlyList<double> ExplainedVariance { get; }

    /// <summary>Each component's share of the total variance, length k.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio { get; }

    /// <summary>Fits k components to <paramref name="x"/> [N, D] (any float dtype, any device).</summary>
    /// <exception cref="ArgumentException">x is not 2-D float, has fewer than 2 rows, k is not in [1, min(N, D)], or x holds NaN/∞.</exception>
    public static Pca Fit(Tensor x, int components = 2)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 2 || !x.is_floating_point())
            throw new ArgumentException($"PCA needs a 2-D float tensor [N, D]; got {x.dtype} [{string.Join(", ", x.shape)}].", nameof(x));
        long n = x.shape[0], d = x.shape[1];
        if (n < 2) throw new ArgumentException($"PCA needs at least 2 points; got {n}.", nameof(x));
        if (components < 1 || components > Math.Min(n, d))
            throw new ArgumentOutOfRangeException(nameof(components), $"components must be in [1, min(N, D)] = [1, {Math.Min(n, d)}]; got {components}.");
        using var scope = NewDisposeScope();
        var x64 = x.detach().to_type(ScalarType.Float64);
        if (!isfinite(x64).all().item<bool>()) throw new ArgumentException("x holds NaN or infinite values.", nameof(x));
        var mean = x64.mean([0]);
        var centred = x64 - mean;
        var (_, s, vh) = linalg.svd(centred, fullMatrices: false);
        var comps = vh[..components].contiguous();
        // svd_flip: make the largest |loading| of each component positive.
        var idx = comps.abs().argmax(1, keepdim: true);
        var signs = comps.gather(1, idx).sign();
        signs = where(signs.eq(0), ones_like(signs), signs);
        comps = (comps * signs).contiguous();
        var s2 = s.square();
        double total = s2.sum().item<double>();
        var variance = (s2[..components] / (n - 1)).cpu().data<double>().ToArray();
        var ratio = (s2[..components] / (total > 0 ? total : 1)).cpu().data<double>().ToArray();
        return new Pca(mean.MoveToOuterDisposeScope(), comps.MoveToOuterDisposeScope(), variance, ratio);
    }

    /// <summary>Projects <paramref name="x"/> [M, D] onto the components: (x − μ) Cᵀ, [M, k] in x's dtype.</summary>
    public Tensor Transform(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 2 || x.shape[1] != Mean.shape[0])
            throw new ArgumentException($"x must be [M, {Mean.shape[0]}]; got [{string.Join(", ", x.shape)}].", nameof(x));
        using var scope = NewDisposeScope();
        var projected = (x.detach().to_type(ScalarType.Float64) - Mean).matmul(Components.t());
        return projected.to_type(x.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>Fits k components and returns the projection of <paramref name="x"/>, [N, k] in x's dtype.</summary>
    public static Tensor FitTransform(Tensor x, int components = 2)
    {
        using var pca = Fit(x, components);
        return pca.Transform(x);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Mean.Dispose();
        Components.Dispose();
    }
}
