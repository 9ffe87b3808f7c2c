namespace Workbench.Losses.Ucdir;

/// <summary>How a UCDIR loss reduces its per-sample (or per-pair) terms.</summary>
public enum UcdirReduction
{
    /// <summary>Σ over the terms (the seed's formulas are written as sums).</summary>
    Sum,

    /// <summary>Mean over the terms.</summary>
    Mean,
}
