namespace Workbench.Reporting.Embedding;

/// <summary>How t-SNE places the points before optimising.</summary>
public enum TSneInit
{
    /// <summary>N(0, 10⁻⁴ I) from the seeded generator (van der Maaten's reference).</summary>
    Random,

    /// <summary>The first two principal components, scaled so the first has standard deviation 10⁻⁴ (scikit-learn's <c>init='pca'</c>).</summary>
    Pca,
}
