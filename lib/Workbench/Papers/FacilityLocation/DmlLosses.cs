using Workbench.Losses.MetricLearning;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// Per-loss conventions of the facility-location ablation (papers.md 3.3–3.4): whether the loss
/// sees L2-normalised embeddings, its default C/m, and its name in the paper's tables.
/// </summary>
public static class DmlLosses
{
    /// <summary>C/m used when the configuration leaves it unset: 0.25 (the paper's CUB/Cars choice), 0.5 for N-pairs.</summary>
    public static double DefaultRatio(string loss) => IsNPair(loss) ? 0.5 : 0.25;

    /// <summary>Position of a loss in the paper's table order (<see cref="Losses.MetricLearning.MetricLossCatalog.Names"/>; unknown losses last).</summary>
    public static int Order(string loss)
    {
        int i = Losses.MetricLearning.MetricLossCatalog.Names.ToList().IndexOf(loss);
        return i < 0 ? int.MaxValue : i;
    }

    /// <summary>True for N-pair-mc, which needs exactly two images per class.</summary>
    public static bool IsNPair(string loss) => string.Equals(loss, MetricLossCatalog.NPairMc, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the reference code feeds the loss L2-normalised embeddings: yes for triplet,
    /// contrastive and facility location (the paper reports divergence without), no for lifted
    /// structured and N-pairs (their docstrings; N-pairs has its own L2 regulariser).
    /// </summary>
    public static bool Normalizes(string loss) => loss.ToLowerInvariant() switch
    {
        MetricLossCatalog.LiftedStructured or MetricLossCatalog.NPairMc => false,
        _ => true,
    };

    /// <summary>The method's row name in the paper's tables (<c>data/paper-results.csv</c>), or null (contrastive has no row).</summary>
    public static string? PaperName(string loss) => loss.ToLowerInvariant() switch
    {
        MetricLossCatalog.TripletSemiHard => "Triplet semi-hard",
        MetricLossCatalog.LiftedStructured => "Lifted struct",
        MetricLossCatalog.NPairMc => "N-pairs",
        MetricLossCatalog.FacilityLocation => "Clustering",
        _ => null,
    };

    /// <summary>Display name for tables and legends.</summary>
    public static string DisplayName(string loss) => loss.ToLowerInvariant() switch
    {
        MetricLossCatalog.TripletSemiHard => "Triplet semi-hard",
        MetricLossCatalog.LiftedStructured => "Lifted struct",
        MetricLossCatalog.NPairMc => "N-pairs",
        MetricLossCatalog.FacilityLocation => "Facility location",
        MetricLossCatalog.Contrastive => "Contrastive",
        _ => loss,
    };
}
