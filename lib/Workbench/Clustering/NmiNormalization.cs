namespace Workbench.Clustering;

/// <summary>How normalised mutual information divides I(a; b).</summary>
public enum NmiNormalization
{
    /// <summary>I / √(H(a)·H(b)): the facility-location paper and scikit-learn before 0.22. The default.</summary>
    Geometric,

    /// <summary>I / ((H(a) + H(b)) / 2): scikit-learn's default since 0.22.</summary>
    Arithmetic,
}
