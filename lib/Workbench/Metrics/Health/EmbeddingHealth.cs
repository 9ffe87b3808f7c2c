using static TorchSharp.torch;

namespace Workbench.Metrics.Health;

/// <summary>
/// Signals of a degenerate representation, measured on evaluation embeddings <c>[N, D]</c>.
/// </summary>
/// <param name="Spread">
/// Mean distance of the L2-normalised embeddings u_i = x_i / ‖x_i‖ from their mean: (1/N) Σ_i ‖u_i − ū‖, in [0, 2).
/// 0 when every embedding points the same way (complete collapse); about 1 for directions spread over the sphere.
/// </param>
/// <param name="EffectiveRank">
/// exp(H(p)), p_j = σ_j / Σ σ of the singular values of the centred embeddings (Roy &amp; Vetterli 2007), in
/// [1, min(N, D)]; 0 when the centred embeddings are all zero. Near 1: the embeddings vary along one direction only
/// (dimensional collapse).
/// </param>
/// <param name="DeadDimensions">
/// Fraction of the D dimensions whose standard deviation over the N embeddings is at most 1e-3 of the largest
/// dimension's (1 when every dimension is constant).
/// </param>
/// <param name="Dimension">D.</param>
public sealed record EmbeddingHealth(double Spread, double EffectiveRank, double DeadDimensions, int Dimension)
{
    /// <summary>Relative standard deviation at or below which a dimension counts as dead.</summary>
    public const double DeadThreshold = 1e-3;

    /// <summary>Measures <paramref name="embeddings"/> <c>[N, D]</c> (N ≥ 2, any float dtype; computed in float64 on the CPU).</summary>
    /// <exception cref="ArgumentException">Not a 2-D tensor with at least two rows.</exception>
    public static EmbeddingHealth Measure(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.dim() != 2 || embeddings.shape[0] < 2)
            throw new ArgumentException($"Embedding health needs embeddings [N >= 2, D]; got [{string.Join(", ", embeddings.shape)}].", nameof(embeddings));
        using var scope = NewDisposeScope();
        var x = embeddings.detach().to(float64).cpu();
        var u = nn.functional.normalize(x, 2, 1);
        double spread = (u - u.mean([0], keepdim: true)).norm(1).mean().item<double>();
        var centred = x - x.mean([0], keepdim: true);
        var sigma = linalg.svdvals(centred);
        double total = sigma.sum().item<double>();
        double rank = 0;
        if (total > 0)
        {
            var p = sigma / total;
            var positive = p.masked_select(p.gt(0));
            rank = Math.Exp(-(positive * positive.log()).sum().item<double>());
        }
        var std = x.std(0);
        double maxStd = std.max().item<double>();
        double dead = maxStd <= 0 ? 1.0 : std.le(DeadThreshold * maxStd).to(float64).mean().item<double>();
        return new EmbeddingHealth(spread, rank, dead, (int)x.shape[1]);
    }

    /// <summary>As history / metrics entries: <c>health.spread</c>, <c>health.effective rank</c>, <c>health.dead dims</c> (optionally prefixed, e.g. <c>"B "</c>).</summary>
    public IEnumerable<KeyValuePair<string, double>> ToMetrics(string prefix = "")
    {
        yield return new(HealthMetrics.Prefix + prefix + HealthMetrics.Spread, Spread);
        yield return new(HealthMetrics.Prefix + prefix + HealthMetrics.EffectiveRank, EffectiveRank);
        yield return new(HealthMetrics.Prefix + prefix + HealthMetrics.DeadDimensions, DeadDimensions);
    }
}
