using Workbench.Losses.Distances;
using static TorchSharp.torch;

namespace Workbench.Losses.Ucdir;

/// <summary>
/// Official UCDIR cluster-wise contrastive loss CW (papers.md 1.4b): supervised-contrastive over the memory bank with
/// k-means pseudo-labels and a confidence filter.
/// s(i, j) = q_i·M[j]/T over all N bank rows (own row included); ℓ_i = Σ_j pos(i, j) log softmax_j s(i, ·) / (Σ_j pos(i, j) + 1e-8)
/// with pos(i, j) = [y(j) = y(ids_i)]; c_i = softmax_c(k_i·P_c/T) at c = y(ids_i); w_i = [c_i &gt; threshold];
/// CW = −Σ_i w_i ℓ_i / (Σ_i w_i + 1e-8).
/// </summary>
/// <remarks>The bank, keys, labels and prototypes are constants; gradients reach only the queries. The official code also
/// accepts several clusterings (masks multiplied, losses averaged); both scripts use one, which is what this implements.</remarks>
public static class BankClusterContrastiveLoss
{
    /// <summary>Confidence-filter threshold 0.2 (<c>--cwcon-filterthresh</c>).</summary>
    public const double DefaultFilterThreshold = 0.2;

    /// <summary>The loss, a scalar (0 when no sample passes the filter).</summary>
    /// <param name="queries">q <c>[n, D]</c> (with gradient).</param>
    /// <param name="keys">k <c>[n, D]</c>, used only by the confidence filter.</param>
    /// <param name="ids">Image ids <c>[n]</c>, rows of the bank.</param>
    /// <param name="bank">Memory bank <c>[N, D]</c> (already holding this batch's keys, as in the official order).</param>
    /// <param name="bankLabels">Pseudo-label of every bank row <c>[N]</c> (int64, 0 … K−1).</param>
    /// <param name="prototypes">L2-normalised k-means centroids <c>[K, D]</c>.</param>
    /// <param name="temperature">T (0.2).</param>
    /// <param name="filterThreshold">Keep sample i when c_i &gt; this (0.2).</param>
    public static Tensor Compute(Tensor queries, Tensor keys, Tensor ids, Tensor bank, Tensor bankLabels, Tensor prototypes,
        double temperature = MemoryBankInfoNce.DefaultTemperature, double filterThreshold = DefaultFilterThreshold)
    {
        BankChecks.Validate(queries, bank, ids);
        if (bankLabels is null || bankLabels.dim() != 1 || bankLabels.shape[0] != bank.shape[0] || bankLabels.is_floating_point())
            throw new ArgumentException($"Need one integer pseudo-label per bank row [{bank.shape[0]}]; got {bankLabels?.dtype} [{string.Join(", ", bankLabels?.shape ?? [])}].", nameof(bankLabels));
        if (!(temperature > 0)) throw new ArgumentException($"The temperature must be positive; got {temperature}.", nameof(temperature));
        using var scope = NewDisposeScope();
        var m = bank.detach().to(queries.dtype);
        var labels = bankLabels.to(ScalarType.Int64, queries.device);
        var own = labels.index_select(0, ids.to(ScalarType.Int64, queries.device));
        var positive = own.unsqueeze(1).eq(labels.unsqueeze(0)).to(queries.dtype);
        var logProb = Logits(temperature).Pairwise(queries, m).log_softmax(1);
        var meanLogProbPos = positive.mul(logProb).sum(1).div(positive.sum(1).add(1e-8));
        var kept = Confidence(keys, own, prototypes, temperature).gt(filterThreshold).to(queries.dtype);
        return kept.mul(meanLogProbPos).sum().neg().div(kept.sum().add(1e-8)).MoveToOuterDisposeScope();
    }

    /// <summary>c_i = softmax_c(k_i·P_c / T) evaluated at the sample's own cluster <paramref name="labels"/>[i]; <c>[n]</c>, no gradient.</summary>
    public static Tensor Confidence(Tensor keys, Tensor labels, Tensor prototypes, double temperature = MemoryBankInfoNce.DefaultTemperature)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(prototypes);
        if (keys.dim() != 2 || prototypes.dim() != 2 || keys.shape[1] != prototypes.shape[1] || labels.shape[0] != keys.shape[0])
            throw new ArgumentException($"Need keys [n, D], labels [n] and prototypes [K, D]; got [{string.Join(", ", keys.shape)}], [{string.Join(", ", labels.shape)}], [{string.Join(", ", prototypes.shape)}].");
        using var scope = NewDisposeScope();
        using var grad = no_grad();
        var k = keys.detach();
        var posterior = Logits(temperature).Pairwise(k, prototypes.detach().to(k.dtype)).softmax(1);
        return posterior.gather(1, labels.to(ScalarType.Int64, k.device).unsqueeze(1)).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>The logits' geometry: dot products of the (unit) features divided by T.</summary>
    private static TemperatureScaledSimilarity Logits(double temperature) => new(new DotProductSimilarity(), temperature);
}
