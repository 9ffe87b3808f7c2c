namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>
/// The structured margin Δ(g(S), y*) = 1 − score(g(S), y*) of the facility-location loss
/// (TF contrib <c>cluster_loss(margin_type=…)</c>).
/// </summary>
public enum FacilityMarginType
{
    /// <summary>score = NMI(g(S), y*) with the configured normalisation (geometric by default): the paper's margin, the default.</summary>
    Nmi,

    /// <summary>
    /// score = 1 if g(S) and y* are the same partition (up to renaming clusters), else 0: a
    /// constant margin γ for every wrong clustering. TF's "const" compared raw ids instead
    /// (see <see cref="ConstTfLiteral"/>); this is the permutation-invariant reading of its docstring.
    /// </summary>
    Const,

    /// <summary>
    /// TF contrib's literal <c>_compute_zeroone_score</c>: score = 1 only if, for every item, the
    /// cluster position in S equals the raw label value; with arbitrary label ids this is almost
    /// always 0, i.e. Δ = 1. Kept to reproduce the reference exactly.
    /// </summary>
    ConstTfLiteral,
}
