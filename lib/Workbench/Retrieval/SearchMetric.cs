namespace Workbench.Retrieval;

/// <summary>How an exact search scores a query against a database item.</summary>
public enum SearchMetric
{
    /// <summary>Cosine similarity of the L2-normalised vectors (eps 1e-12); higher is better. UCDIR's retrieval score (papers.md 1.7).</summary>
    Cosine,

    /// <summary>Inner product; higher is better.</summary>
    InnerProduct,

    /// <summary>Euclidean distance ‖q − x‖₂; lower is better. The facility-location protocol's distance (papers.md 3.5).</summary>
    Euclidean,

    /// <summary>Squared Euclidean distance ‖q − x‖₂²; lower is better (same order as <see cref="Euclidean"/>).</summary>
    SquaredEuclidean,
}
