using static TorchSharp.torch;
using Workbench.Losses;

namespace Workbench.Losses.Ucdir;

/// <summary>
/// Instance-wise contrastive loss (IW) against a per-domain memory bank (official UCDIR, papers.md 1.4a):
/// logits [q_i·k_i, q_i·M[j] for every bank row j except image i's own row] / T, cross-entropy with target 0, mean over i.
/// </summary>
/// <remarks>
/// Unlike NT-Xent/in-batch InfoNCE, the negatives are the bank rows (every other image of the same domain), and the
/// positive is the query's own key. The bank is treated as a constant. The official code updates the bank with the
/// current keys before this loss; excluding the own row makes that update invisible to IW. Masking the own row to −∞
/// gives the same value and gradient as the code's removal of that column.
/// </remarks>
public static class MemoryBankInfoNce
{
    /// <summary>T = 0.2 (<c>--temperature</c> in both scripts).</summary>
    public const double DefaultTemperature = 0.2;

    /// <summary>The loss, a scalar.</summary>
    /// <param name="queries">q <c>[n, D]</c>, L2-normalised query-encoder features (with gradient).</param>
    /// <param name="keys">k <c>[n, D]</c>, L2-normalised key features of the other view (treated as constants).</param>
    /// <param name="bank">Memory bank M <c>[N, D]</c>, row = image id.</param>
    /// <param name="ids">Image ids <c>[n]</c> (int64) of the batch, rows of <paramref name="bank"/>.</param>
    /// <param name="temperature">T (default 0.2).</param>
    /// <param name="excludeOwn">Drop the own row from the negatives (official: true).</param>
    /// <param name="reduction">Mean over queries (official) or sum.</param>
    public static Tensor Compute(Tensor queries, Tensor keys, Tensor bank, Tensor ids, double temperature = DefaultTemperature,
        bool excludeOwn = true, UcdirReduction reduction = UcdirReduction.Mean)
    {
        using var scope = NewDisposeScope();
        if (reduction == UcdirReduction.Sum)
            return PerSample(queries, keys, bank, ids, temperature, excludeOwn).sum().MoveToOuterDisposeScope();
        // The mean is the shared MoCo/NT-Xent cross-entropy (Losses.InfoNce) on [q·k, q·M] with the own row excluded.
        var (similarity, exclude) = Similarities(queries, keys, bank, ids, temperature, excludeOwn);
        return InfoNce.Loss(similarity, zeros(queries.shape[0], dtype: ScalarType.Int64, device: queries.device), exclude, temperature)
            .MoveToOuterDisposeScope();
    }

    /// <summary>Per-query terms <c>[n]</c>: logsumexp(logits_i) − q_i·k_i/T.</summary>
    public static Tensor PerSample(Tensor queries, Tensor keys, Tensor bank, Tensor ids, double temperature = DefaultTemperature, bool excludeOwn = true)
    {
        using var scope = NewDisposeScope();
        var (similarity, exclude) = Similarities(queries, keys, bank, ids, temperature, excludeOwn);
        var logits = similarity.div(temperature);
        if (exclude is not null) logits = logits.masked_fill(exclude, double.NegativeInfinity);
        return logits.log_softmax(1).select(1, 0).neg().MoveToOuterDisposeScope();
    }

    /// <summary>Unscaled similarities [q·k, q·M] <c>[n, 1 + N]</c> and the mask of excluded entries (own rows), or null.</summary>
    private static (Tensor Similarity, Tensor? Exclude) Similarities(Tensor queries, Tensor keys, Tensor bank, Tensor ids, double temperature, bool excludeOwn)
    {
        BankChecks.Validate(queries, bank, ids);
        if (keys is null || !keys.shape.SequenceEqual(queries.shape))
            throw new ArgumentException($"Keys must have the queries' shape [{string.Join(", ", queries.shape)}]; got [{string.Join(", ", keys?.shape ?? [])}].", nameof(keys));
        if (!(temperature > 0)) throw new ArgumentException($"The temperature must be positive; got {temperature}.", nameof(temperature));
        var k = keys.detach().to(queries.dtype);
        var m = bank.detach().to(queries.dtype);
        var similarity = cat([queries.mul(k).sum(1, keepdim: true), queries.matmul(m.t())], 1);
        if (!excludeOwn) return (similarity, null);
        var own = BankChecks.OwnMask(ids, m.shape[0], queries.device);
        var exclude = cat([zeros(queries.shape[0], 1, dtype: ScalarType.Bool, device: queries.device), own], 1);
        return (similarity, exclude);
    }
}
