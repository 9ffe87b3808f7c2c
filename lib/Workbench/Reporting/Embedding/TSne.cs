using TorchSharp;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Reporting.Embedding;

/// <summary>
/// Exact t-SNE to 2-D (van der Maaten and Hinton 2008): Student-t similarities
/// q_ij ∝ (1 + ‖y_i − y_j‖²)⁻¹, gradient ∂C/∂y_i = 4 Σ_j (p_ij − q_ij)(1 + ‖y_i − y_j‖²)⁻¹ (y_i − y_j)
/// (eq. 5), minimised by gradient descent with momentum and per-parameter gains
/// (delta-bar-delta: +0.2 when the gradient's sign flips against the update, ×0.8 otherwise) and
/// early exaggeration, re-centring the map after each step as the reference tsne.py does.
/// </summary>
/// <remarks>
/// Defaults and update rules follow the reference implementations (see <see cref="TSneOptions"/>).
/// The optional PCA pre-reduction and the affinities run in torch (float64) on the input's device;
/// the optimisation holds P in float32 on the CPU and evaluates the O(N²) normaliser and gradient
/// in fused SIMD kernels (<c>TSneKernel</c>), O(N²) time per iteration and O(N²) memory for P only.
/// Intended for up to ~5k points. The same seed gives the same map (for a given device; the
/// optimisation does not depend on the thread count).
/// </remarks>
public static class TSne
{
    /// <summary>Embeds <paramref name="x"/> [N, D] (any float dtype) into 2-D.</summary>
    /// <exception cref="ArgumentException">Bad shape, non-finite values, too many points or a perplexity ≥ N − 1.</exception>
    public static TSneResult Embed(Tensor x, TSneOptions? options = null, IProgress<TSneProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        var o = options ?? new TSneOptions();
        o.Validate();
        if (x.dim() != 2 || !x.is_floating_point())
            throw new ArgumentException($"t-SNE needs a 2-D float tensor [N, D]; got {x.dtype} [{string.Join(", ", x.shape)}].", nameof(x));
        long n = x.shape[0];
        if (n > o.MaxPoints) throw new ArgumentException($"{n} points exceed MaxPoints = {o.MaxPoints} (exact t-SNE needs O(N²) memory); subsample first or raise MaxPoints.", nameof(x));
        if (n < 4) throw new ArgumentException($"t-SNE needs at least 4 points; got {n}.", nameof(x));
        if (o.Perplexity >= n - 1) throw new ArgumentException($"Perplexity {o.Perplexity} must be below N − 1 = {n - 1}; use about N/3 or less.", nameof(options));

        using var scope = NewDisposeScope();
        var input = x.detach().to_type(ScalarType.Float64);
        if (!isfinite(input).all().item<bool>()) throw new ArgumentException("x holds NaN or infinite values.", nameof(x));
        if (o.PcaDimensions is { } k && input.shape[1] > k) input = Pca.FitTransform(input, (int)Math.Min(k, n));
        var (joint, betas) = TSneAffinities.Joint(input, o.Perplexity, o.EntropyTolerance, o.MaxBisectionSteps);
        double lr = o.LearningRate ?? Math.Max(n / o.EarlyExaggeration / 4, 50);

        float[] pArr;
        using (var p32 = joint.to_type(ScalarType.Float32).cpu().contiguous()) pArr = p32.data<float>().ToArray();
        joint.Dispose();
        var (sumP, pLogP) = TSneKernel.Entropy(pArr);

        int count = (int)n;
        var (xs, ys) = Split(Initial(input, o, n));
        float[] gx = new float[count], gy = new float[count];
        float[] ux = new float[count], uy = new float[count];
        float[] gainX = new float[count], gainY = new float[count];
        Array.Fill(gainX, 1f);
        Array.Fill(gainY, 1f);
        for (int it = 0; it < o.Iterations; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            float scale = it < o.ExaggerationIterations ? (float)o.EarlyExaggeration : 1f;
            TSneKernel.Gradient(pArr, scale, xs, ys, gx, gy);
            float momentum = (float)(it < o.MomentumSwitchIteration ? o.InitialMomentum : o.FinalMomentum);
            Step(xs, gx, ux, gainX, momentum, (float)lr, (float)o.MinGain);
            Step(ys, gy, uy, gainY, momentum, (float)lr, (float)o.MinGain);
            if (progress is not null && o.ProgressInterval > 0 && ((it + 1) % o.ProgressInterval == 0 || it + 1 == o.Iterations))
                progress.Report(new TSneProgress(it + 1, o.Iterations, Kl(pArr, scale, sumP, pLogP, xs, ys)));
        }
        double kl = Kl(pArr, 1f, sumP, pLogP, xs, ys);
        var map = new double[count * 2];
        for (int i = 0; i < count; i++) { map[2 * i] = xs[i]; map[2 * i + 1] = ys[i]; }
        var embedding = tensor(map, [n, 2], ScalarType.Float64).to(x.device);
        return new TSneResult(embedding.MoveToOuterDisposeScope(), kl, lr, betas);
    }

    /// <summary>KL(P‖Q) in nats of a 2-D map <paramref name="y"/> [N, 2] under joint affinities <paramref name="p"/> [N, N] (zero diagonal).</summary>
    public static double KlDivergence(Tensor p, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(y);
        if (p.dim() != 2 || p.shape[0] != p.shape[1] || y.dim() != 2 || y.shape[1] != 2 || y.shape[0] != p.shape[0])
            throw new ArgumentException($"p must be [N, N] and y [N, 2]; got p [{string.Join(", ", p.shape)}], y [{string.Join(", ", y.shape)}].");
        using var p32 = p.detach().to_type(ScalarType.Float32).cpu().contiguous();
        var pArr = p32.data<float>().ToArray();
        var (sumP, pLogP) = TSneKernel.Entropy(pArr);
        var (xs, ys) = Split(y.detach().to_type(ScalarType.Float64));
        return Kl(pArr, 1f, sumP, pLogP, xs, ys);
    }

    /// <summary>One gradient-descent step on one coordinate with momentum and gains (delta-bar-delta), then re-centring.</summary>
    private static void Step(float[] coord, float[] grad, float[] update, float[] gains, float momentum, float lr, float minGain)
    {
        double mean = 0;
        for (int i = 0; i < coord.Length; i++)
        {
            float g = grad[i];
            float gain = update[i] * g < 0 ? gains[i] + 0.2f : gains[i] * 0.8f;
            gains[i] = gain = Math.Max(gain, minGain);
            update[i] = momentum * update[i] - lr * gain * g;
            coord[i] += update[i];
            mean += coord[i];
        }
        float m = (float)(mean / coord.Length);
        for (int i = 0; i < coord.Length; i++) coord[i] -= m;
    }

    /// <summary>KL(sP‖Q) = s (Σ p ln p + ln s Σ p − Σ p ln q) for the exaggerated P = s·p.</summary>
    private static double Kl(float[] p, float scale, double sumP, double pLogP, float[] xs, float[] ys)
    {
        double z = TSneKernel.Normalizer(xs, ys);
        return scale * (pLogP + Math.Log(scale) * sumP - TSneKernel.PLogQ(p, xs, ys, z));
    }

    private static (float[] Xs, float[] Ys) Split(Tensor y)
    {
        using var cpu = y.to_type(ScalarType.Float32).cpu().contiguous();
        var flat = cpu.data<float>().ToArray();
        int n = flat.Length / 2;
        float[] xs = new float[n], ys = new float[n];
        for (int i = 0; i < n; i++) { xs[i] = flat[2 * i]; ys[i] = flat[2 * i + 1]; }
        return (xs, ys);
    }

    private static Tensor Initial(Tensor input, TSneOptions o, long n)
    {
        if (o.Init == TSneInit.Pca)
        {
            var pcs = Pca.FitTransform(input, 2);
            return pcs.div_(pcs[.., 0].std()).mul_(1e-4).contiguous();
        }
        using var gen = Seeding.NewGenerator("tsne", o.Seed);
        return randn(n, 2, dtype: ScalarType.Float64, generator: gen).mul_(1e-4).to(input.device);
    }
}
