using System.Globalization;

namespace Workbench.Metrics.Health;

/// <summary>
/// Names of the health signals in a run's metrics and history (<c>health.*</c>, written by every method's
/// evaluation), and the collapse rule that turns them into a <see cref="CollapseVerdict"/>. A run is
/// <b>collapsed</b> when any of these holds for its final evaluation (each signal may carry a prefix such as
/// <c>health.A spread</c>; every prefixed copy is checked):
/// <list type="bullet">
/// <item><c>spread</c> &lt; <see cref="MinSpread"/>: the embeddings are (numerically) one point.</item>
/// <item><c>effective rank</c> &lt; <see cref="MinEffectiveRank"/>: they vary along at most one direction.</item>
/// <item><c>dead dims</c> ≥ <see cref="MaxDeadDimensions"/>: nearly every dimension is constant.</item>
/// <item><c>assignment entropy</c> ≥ <see cref="MaxAssignmentEntropy"/>: every sample's cluster assignment is uniform over K (the centroids collapsed).</item>
/// <item><c>marginal entropy</c> ≤ <see cref="MinMarginalEntropy"/>: every sample goes to one cluster.</item>
/// <item><c>min perplexity</c> &lt; <see cref="MinCodewordPerplexity"/>: some codebook gives every item the same codeword.</item>
/// </list>
/// Thresholds are deliberately far from healthy values (a small conv net after one epoch has spread ≈ 0.5–1,
/// effective rank ≫ 2): the rule flags degenerate runs, not weak ones. A narrow cone is not a collapse: retrieval
/// ranks by the directions inside it, which the effective rank of the centred embeddings measures. The spread
/// threshold was 0.05 until 2026-12-07, when it flagged 12 facility-location-grid runs started from the pretrained
/// encoder (spread 0.017–0.031 with effective rank 33–38 of 64 and R@1 0.68–0.78); it now flags only embeddings that
/// are one point (spread &lt; 1e-3, under 0.06° from their mean direction). Tables and reports re-judge records with
/// the current rule (<see cref="Judge"/> on the recorded final metrics), so the verdict stored at training time is a
/// record of that day's rule, not the one shown.
/// </summary>
public static class HealthMetrics
{
    /// <summary>Prefix of every health signal.</summary>
    public const string Prefix = "health.";

    /// <summary><see cref="EmbeddingHealth.Spread"/>.</summary>
    public const string Spread = "spread";

    /// <summary><see cref="EmbeddingHealth.EffectiveRank"/>.</summary>
    public const string EffectiveRank = "effective rank";

    /// <summary><see cref="EmbeddingHealth.DeadDimensions"/>.</summary>
    public const string DeadDimensions = "dead dims";

    /// <summary><see cref="AssignmentHealth.SampleEntropyRatio"/>.</summary>
    public const string AssignmentEntropy = "assignment entropy";

    /// <summary><see cref="AssignmentHealth.MarginalEntropyRatio"/>.</summary>
    public const string MarginalEntropy = "marginal entropy";

    /// <summary><see cref="AssignmentHealth.ClustersUsed"/>.</summary>
    public const string ClustersUsed = "clusters used";

    /// <summary><see cref="CodewordHealth.MeanPerplexityRatio"/>.</summary>
    public const string CodewordPerplexity = "codeword perplexity";

    /// <summary><see cref="CodewordHealth.MinPerplexity"/>.</summary>
    public const string MinPerplexity = "min perplexity";

    /// <summary><see cref="CodewordHealth.UsedFraction"/>.</summary>
    public const string CodewordsUsed = "codewords used";

    /// <summary>Spread below which embeddings count as collapsed to one point (default 1e-3; 0.05 before 2026-12-07).</summary>
    public const double MinSpread = 1e-3;

    /// <summary>Effective rank below which embeddings count as collapsed (default 1.5).</summary>
    public const double MinEffectiveRank = 1.5;

    /// <summary>Dead-dimension fraction at or above which embeddings count as collapsed (default 0.9).</summary>
    public const double MaxDeadDimensions = 0.9;

    /// <summary>Per-sample assignment entropy / ln K at or above which assignments count as uniform (default 0.99).</summary>
    public const double MaxAssignmentEntropy = 0.99;

    /// <summary>Marginal assignment entropy / ln K at or below which everything sits in one cluster (default 0.05).</summary>
    public const double MinMarginalEntropy = 0.05;

    /// <summary>Codebook perplexity below which a codebook counts as collapsed (default 1.05).</summary>
    public const double MinCodewordPerplexity = 1.05;

    /// <summary>Whether <paramref name="metric"/> is a health signal.</summary>
    public static bool IsHealth(string metric) => metric.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Applies the collapse rule to the health signals in <paramref name="metrics"/> (others are ignored).</summary>
    /// <returns>The verdict; <see cref="CollapseVerdict.Checked"/> is false when no health signal is present.</returns>
    public static CollapseVerdict Judge(IReadOnlyDictionary<string, double> metrics, string source = "final evaluation")
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var reasons = new List<string>();
        bool any = false;
        foreach (var (name, value) in metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!IsHealth(name)) continue;
            any = true;
            string? reason = Rule(name[Prefix.Length..], value);
            if (reason is not null) reasons.Add($"{name} = {value.ToString("G4", CultureInfo.InvariantCulture)} {reason}");
        }
        return new CollapseVerdict(any, reasons.Count > 0, reasons, source);
    }

    private static string? Rule(string signal, double v)
    {
        if (double.IsNaN(v)) return "is NaN";
        if (signal.EndsWith(EffectiveRank, StringComparison.Ordinal)) return v < MinEffectiveRank ? $"< {MinEffectiveRank} (embeddings vary along at most one direction)" : null;
        if (signal.EndsWith(Spread, StringComparison.Ordinal)) return v < MinSpread ? $"< {MinSpread.ToString(CultureInfo.InvariantCulture)} (the embeddings are one point)" : null;
        if (signal.EndsWith(DeadDimensions, StringComparison.Ordinal)) return v >= MaxDeadDimensions ? $">= {MaxDeadDimensions} (constant dimensions)" : null;
        if (signal.EndsWith(AssignmentEntropy, StringComparison.Ordinal)) return v >= MaxAssignmentEntropy ? $">= {MaxAssignmentEntropy} (every assignment uniform over the clusters)" : null;
        if (signal.EndsWith(MarginalEntropy, StringComparison.Ordinal)) return v <= MinMarginalEntropy ? $"<= {MinMarginalEntropy} (every sample in one cluster)" : null;
        if (signal.EndsWith(MinPerplexity, StringComparison.Ordinal)) return v < MinCodewordPerplexity ? $"< {MinCodewordPerplexity} (a codebook uses one codeword)" : null;
        return null;
    }
}
