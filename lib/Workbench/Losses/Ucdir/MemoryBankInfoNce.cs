using Workbench.Losses.Distances;
using Workbench.Losses.Reducers;
using static TorchSharp.torch;

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

    /// <summary>The loss, a scalar: <see cref="Compute(Tensor, Tensor, Tensor, Tensor, IPairwiseDistance, ILossReducer, bool)"/>
    /// with logits q·k / T and q·M / T (<see cref="TemperatureScaledSimilarity"/> over <see cref="DotProductSimilarity"/>)
    /// and the reducer of <paramref name="reduction"/>.</summary>
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
        if (!(temperature > 0)) throw new ArgumentException($"The temperature must be positive; got {temperature}.", nameof(temperature));
        return Compute(queries, keys, bank, ids, Logits(temperature), reduction.ToReducer(), excludeOwn);
    }

    /// <summary>The loss from its parts: <paramref name="reducer"/> over <see cref="InfoNce.PerAnchor"/> of the logits
    /// [ℓ(q_i, k_i), ℓ(q_i, M[j]) for every bank row j] with the own row excluded when <paramref name="excludeOwn"/>.</summary>
    /// <param name="queries">q <c>[n, D]</c> (with gradient).</param>
    /// <param name="keys">k <c>[n, D]</c> (treated as constants).</param>
    /// <param name="bank">M <c>[N, D]</c>, row = image id.</param>
    /// <param name="ids">Image ids <c>[n]</c>, rows of <paramref name="bank"/>.</param>
    /// <param name="similarity">ℓ, a similarity (official: dot product / T).</param>
    /// <param name="reducer">Reduces the n per-query terms (official: mean).</param>
    /// <param name="excludeOwn">Drop the own row from the negatives (official: true).</param>
    public static Tensor Compute(Tensor queries, Tensor keys, Tensor bank, Tensor ids, IPairwiseDistance similarity, ILossReducer reducer, bool excludeOwn = true)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        using var scope = NewDisposeScope();
        var (logits, positive, exclude) = Logits(queries, keys, bank, ids, similarity, excludeOwn);
        return InfoNce.Loss(logits, positive, exclude, reducer).MoveToOuterDisposeScope();
    }

    /// <summary>Per-query terms <c>[n]</c>: logsumexp(logits_i) − q_i·k_i/T.</summary>
    public static Tensor PerSample(Tensor queries, Tensor keys, Tensor bank, Tensor ids, double temperature = DefaultTemperature, bool excludeOwn = true)
    {
        if (!(temperature > 0)) throw new ArgumentException($"The temperature must be positive; got {temperature}.", nameof(temperature));
        return PerSample(queries, keys, bank, ids, Logits(temperature), excludeOwn);
    }

    /// <summary>Per-query terms <c>[n]</c> for the logits of <paramref name="similarity"/>; see <see cref="InfoNce.PerAnchor"/>.</summary>
    public static Tensor PerSample(Tensor queries, Tensor keys, Tensor bank, Tensor ids, IPairwiseDistance similarity, bool excludeOwn = true)
    {
        using var scope = NewDisposeScope();
        var (logits, positive, exclude) = Logits(queries, keys, bank, ids, similarity, excludeOwn);
        return InfoNce.PerAnchor(logits, positive, exclude).MoveToOuterDisposeScope();
    }

    /// <summary>Logits [ℓ(q_i, k_i), ℓ(q_i, M[j])] <c>[n, 1 + N]</c>, the positive column 0 of every row, and the mask of
    /// the own rows (or null).</summary>
    private static (Tensor Logits, Tensor Positive, Tensor? Exclude) Logits(Tensor queries, Tensor keys, Tensor bank, Tensor ids, IPairwiseDistance similarity, bool excludeOwn)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        if (!similarity.IsSimilarity) throw new ArgumentException($"InfoNCE takes its logits from a similarity; '{similarity.Name}' is a distance.", nameof(similarity));
        BankChecks.Validate(queries, bank, ids);
        if (keys is null || !keys.shape.SequenceEqual(queries.shape))
            throw new ArgumentException($"Keys must have the queries' shape [{string.Join(", ", queries.shape)}]; got [{string.Join(", ", keys?.shape ?? [])}].", nameof(keys));
        var k = keys.detach().to(queries.dtype);
        var m = bank.detach().to(queries.dtype);
        var logits = cat([similarity.Paired(queries, k).unsqueeze(1), similarity.Pairwise(queries, m)], 1);
        var positive = zeros(queries.shape[0], dtype: ScalarType.Int64, device: queries.device);
        if (!excludeOwn) return (logits, positive, null);
        var own = BankChecks.OwnMask(ids, m.shape[0], queries.device);
        return (logits, positive, cat([zeros(queries.shape[0], 1, dtype: ScalarType.Bool, device: queries.device), own], 1));
    }

    /// <summary>The official logits' geometry: dot products of unit vectors divided by T.</summary>
    private static TemperatureScaledSimilarity Logits(double temperature) => new(new DotProductSimilarity(), temperature);
}
