using TorchSharp;
using Workbench.Losses.Distances;
using Workbench.Losses.Reducers;
using static TorchSharp.torch;

namespace Workbench.Losses;

/// <summary>
/// NT-Xent (SimCLR; SPQ's per-direction term, papers.md 2.2), composed as in pytorch-metric-learning's
/// <c>NTXentLoss</c>: a similarity part gives the logits, <see cref="InfoNce"/> the per-anchor terms, a
/// reducer the loss. For two batches u, v <c>[N, D]</c> stack W = [u; v] (2N rows); row r's positive is
/// row r ± N, its negatives the other 2N − 2 rows, itself excluded:
/// t_r = −log [ exp(ℓ(W_r, W_pos(r))) / Σ_{r' ≠ r} exp(ℓ(W_r, W_r')) ].
/// Default (SPQ's τ_cqc): ℓ = s/τ with cosine similarity s(a, b) = a·b / (max(‖a‖, ε)·max(‖b‖, ε)),
/// ε = 1e-8 (current PyTorch's <c>CosineSimilarity</c>; older releases clamped the product ‖a‖·‖b‖ at ε,
/// which agrees whenever both norms exceed ε), τ = 0.5, and the mean over the 2N anchors.
/// Output: a scalar tensor in the inputs' dtype.
/// </summary>
public sealed class NtXentLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>The default composition: cosine similarity (ε) / τ, mean over anchors.</summary>
    /// <param name="temperature">τ &gt; 0 (0.5 in SPQ, 0.1–0.5 in SimCLR).</param>
    /// <param name="eps">ε of the cosine similarity (1e-8).</param>
    public NtXentLoss(double temperature = 0.5, double eps = 1e-8)
        : this(new TemperatureScaledSimilarity(new CosineSimilarity(eps), temperature), new MeanReducer())
    {
    }

    /// <summary>Creates the loss from its parts.</summary>
    /// <param name="similarity">Gives the logits <c>[2N, 2N]</c>; must be a similarity (larger = closer).</param>
    /// <param name="reducer">Reduces the 2N per-anchor terms.</param>
    public NtXentLoss(IPairwiseDistance similarity, ILossReducer reducer) : base(nameof(NtXentLoss))
    {
        ArgumentNullException.ThrowIfNull(similarity);
        ArgumentNullException.ThrowIfNull(reducer);
        if (!similarity.IsSimilarity)
            throw new ArgumentException($"NT-Xent takes its logits from a similarity; '{similarity.Name}' is a distance.", nameof(similarity));
        Similarity = similarity;
        Reducer = reducer;
    }

    /// <summary>The logits' similarity (default cosine / 0.5).</summary>
    public IPairwiseDistance Similarity { get; }

    /// <summary>The reducer over the 2N anchors (default mean).</summary>
    public ILossReducer Reducer { get; }

    /// <summary>A one-line description for logs and ablation tables.</summary>
    public string Describe() => $"nt-xent(similarity={Similarity.Name}, reducer={Reducer.Name})";

    /// <summary>The loss for views u, v <c>[N, D]</c> (row i of u and row i of v are a positive pair).</summary>
    /// <exception cref="ArgumentException">Shapes differ, are not 2-D, or N &lt; 2 (no negatives).</exception>
    public override Tensor forward(Tensor u, Tensor v)
    {
        if (u.dim() != 2 || !u.shape.SequenceEqual(v.shape))
        {
            throw new ArgumentException($"NT-Xent needs two views of the same shape [N, D]; got [{string.Join(", ", u.shape)}] and [{string.Join(", ", v.shape)}].");
        }
        long n = u.shape[0];
        if (n < 2) throw new ArgumentException($"NT-Xent needs N ≥ 2 pairs so every anchor has negatives; got N = {n}.");
        using var scope = NewDisposeScope();
        var logits = Similarity.Pairwise(cat([u, v], 0));
        var self = eye(2 * n, dtype: ScalarType.Bool, device: u.device);
        var positive = arange(2 * n, dtype: ScalarType.Int64, device: u.device).add_(n).remainder_(2 * n);
        return InfoNce.Loss(logits, positive, self, Reducer).MoveToOuterDisposeScope();
    }

    /// <summary>The default composition's loss for views u, v <c>[N, D]</c>; see the class summary.</summary>
    /// <exception cref="ArgumentException">Shapes differ, are not 2-D, or N &lt; 2 (no negatives).</exception>
    public static Tensor Compute(Tensor u, Tensor v, double temperature = 0.5, double eps = 1e-8)
    {
        using var loss = new NtXentLoss(temperature, eps);
        return loss.forward(u, v);
    }
}
