using TorchSharp;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Reporting.Embedding;

/// <summary>
/// Principal component analysis by an SVD of the centred data, computed in float64:
/// X − μ = U S Vᵀ, components = the first k rows of Vᵀ, explained variance = S²/(N − 1), ratio =
/// S²/‖X − μ‖²_F. Signs are fixed so that the largest-magnitude loading of each component is
/// positive (deterministic output, as scikit-learn's <c>svd_flip</c> on the components).
/// </summary>
/// <remarks>The SVD is exact (thin SVD) for small inputs and randomized for large ones (see
/// <see cref="PcaSolver"/>): an exact SVD of 5000 × 2048 takes tens of seconds on 2 cores, the
/// randomized one well under a second.</remarks>
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

    /// <summary>Largest min(N, D) for which <see cref="PcaSolver.Auto"/> uses the exact SVD.</summary>
    public const int ExactLimit = 512;

    /// <summary>Fits k components to <paramref name="x"/> [N, D] (any float dtype, any device).</summary>
    /// <param name="x">Data [N, D].</param>
    /// <param name="components">k, in [1, min(N, D)].</param>
    /// <param name="solver">Exact, randomized or automatic choice.</param>
    /// <param name="seed">Seed of the randomized solver's sketch (stream "pca").</param>
    /// <exception cref="ArgumentException">x is not 2-D float, has fewer than 2 rows, k is not in [1, min(N, D)], or x holds NaN/∞.</exception>
    public static Pca Fit(Tensor x, int components = 2, PcaSolver solver = PcaSolver.Auto, long seed = 0)
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
        bool exact = solver == PcaSolver.Exact || (solver == PcaSolver.Auto && Math.Min(n, d) <= ExactLimit);
        var (s, vh) = exact ? ThinSvd(centred) : RandomizedSvd(centred, components, seed);
        var comps = vh[..components].contiguous();
        // svd_flip: make the largest |loading| of each component positive.
        var idx = comps.abs().argmax(1, keepdim: true);
        var signs = comps.gather(1, idx).sign();
        signs = where(signs.eq(0), ones_like(signs), signs);
        comps = (comps * signs).contiguous();
        var s2 = s.square();
        double total = centred.square().sum().item<double>();
        var variance = (s2[..components] / (n - 1)).cpu().data<double>().ToArray();
        var ratio = (s2[..components] / (total > 0 ? total : 1)).cpu().data<double>().ToArray();
        return new Pca(mean.MoveToOuterDisposeScope(), comps.MoveToOuterDisposeScope(), variance, ratio);
    }

    private static (Tensor S, Tensor Vh) ThinSvd(Tensor centred)
    {
        var (_, s, vh) = linalg.svd(centred, fullMatrices: false);
        return (s, vh);
    }

    /// <summary>Randomized range finder with power iterations, then the SVD of the l × D projection (Halko et al. 2011, alg. 4.4 and 5.1).</summary>
    private static (Tensor S, Tensor Vh) RandomizedSvd(Tensor centred, int k, long seed)
    {
        long n = centred.shape[0], d = centred.shape[1];
        long l = Math.Min(Math.Min(n, d), k + 10);
        using var gen = Seeding.NewGenerator("pca", seed);
        var omega = randn([d, l], ScalarType.Float64, generator: gen).to(centred.device);
        var q = linalg.qr(centred.mm(omega)).Q;
        for (int i = 0; i < 7; i++)
        {
            var z = linalg.qr(centred.t().mm(q)).Q;
            q = linalg.qr(centred.mm(z)).Q;
        }
        var (_, s, vh) = linalg.svd(q.t().mm(centred), fullMatrices: false);
        return (s, vh);
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
    public static Tensor FitTransform(Tensor x, int components = 2, PcaSolver solver = PcaSolver.Auto, long seed = 0)
    {
        using var pca = Fit(x, components, solver, seed);
        return pca.Transform(x);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Mean.Dispose();
        Components.Dispose();
    }
}
