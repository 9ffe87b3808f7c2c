namespace Workbench.Losses.Miners;

/// <summary>
/// Which triplets pytorch-metric-learning's <c>TripletMarginMiner</c> keeps, by the triplet margin
/// t = D_an − D_ap (on the dissimilarity view) and the miner's margin α.
/// </summary>
public enum TripletMarginType
{
    /// <summary>t ≤ α: every triplet that violates the margin ("all").</summary>
    All,

    /// <summary>t ≤ 0 (and t ≤ α): the negative is at least as close as the positive ("hard").</summary>
    Hard,

    /// <summary>0 &lt; t ≤ α: the negative is farther than the positive but inside the margin ("semihard").</summary>
    SemiHard,

    /// <summary>t &gt; α: triplets that already satisfy the margin ("easy").</summary>
    Easy,
}
