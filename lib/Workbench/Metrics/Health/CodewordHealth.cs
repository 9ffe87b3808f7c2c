using static TorchSharp.torch;

namespace Workbench.Metrics.Health;

/// <summary>
/// Codeword usage of a product quantizer: per codebook m the usage histogram q_m over its K codewords and its
/// perplexity exp(H(q_m)) ∈ [1, K] (1: every item gets the same codeword; K: uniform use).
/// </summary>
/// <param name="MeanPerplexityRatio">(1/M) Σ_m exp(H(q_m)) / K, in [1/K, 1].</param>
/// <param name="MinPerplexity">min_m exp(H(q_m)).</param>
/// <param name="UsedFraction">Fraction of the M·K codewords assigned to at least one item.</param>
/// <param name="Codebooks">M.</param>
/// <param name="Codewords">K.</param>
public sealed record CodewordHealth(double MeanPerplexityRatio, double MinPerplexity, double UsedFraction, int Codebooks, int Codewords)
{
    /// <summary>Measures codes <c>[N, M]</c> (integers in [0, K)).</summary>
    /// <exception cref="ArgumentException">Codes not 2-D, K &lt; 1, or a code outside [0, K).</exception>
    public static CodewordHealth Measure(Tensor codes, int codewords)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.dim() != 2 || codes.shape[0] < 1 || codewords < 1)
            throw new ArgumentException($"Codeword health needs codes [N, M] and K >= 1; got [{string.Join(", ", codes.shape)}], K = {codewords}.", nameof(codes));
        using var scope = NewDisposeScope();
        var c = codes.detach().to(int64).cpu();
        long n = c.shape[0];
        int m = (int)c.shape[1];
        if (c.min().item<long>() < 0 || c.max().item<long>() >= codewords)
            throw new ArgumentException($"Codes must lie in [0, {codewords}).", nameof(codes));
        double sumRatio = 0, minPerplexity = double.PositiveInfinity, used = 0;
        for (int j = 0; j < m; j++)
        {
            var q = c.select(1, j).bincount(null, codewords).to(float64) / n;
            var positive = q.masked_select(q.gt(0));
            double perplexity = Math.Exp(-(positive * positive.log()).sum().item<double>());
            sumRatio += perplexity / codewords;
            minPerplexity = Math.Min(minPerplexity, perplexity);
            used += positive.shape[0];
        }
        return new CodewordHealth(sumRatio / m, minPerplexity, used / ((double)m * codewords), m, codewords);
    }

    /// <summary>As history / metrics entries: <c>health.codeword perplexity</c> (mean ratio), <c>health.min perplexity</c>, <c>health.codewords used</c>.</summary>
    public IEnumerable<KeyValuePair<string, double>> ToMetrics()
    {
        yield return new(HealthMetrics.Prefix + HealthMetrics.CodewordPerplexity, MeanPerplexityRatio);
        yield return new(HealthMetrics.Prefix + HealthMetrics.MinPerplexity, MinPerplexity);
        yield return new(HealthMetrics.Prefix + HealthMetrics.CodewordsUsed, UsedFraction);
    }
}
