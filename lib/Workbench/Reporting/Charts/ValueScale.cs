namespace Workbench.Reporting.Charts;

/// <summary>How retrieval metric values are expressed.</summary>
public enum ValueScale
{
    /// <summary>In [0, 1].</summary>
    Fraction,

    /// <summary>In [0, 100].</summary>
    Percent,
}
