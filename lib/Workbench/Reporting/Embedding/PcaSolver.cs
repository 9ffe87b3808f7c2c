namespace Workbench.Reporting.Embedding;

/// <summary>How <see cref="Pca"/> finds the principal axes.</summary>
public enum PcaSolver
{
    /// <summary><see cref="Exact"/> when min(N, D) ≤ <see cref="Pca.ExactLimit"/>, else <see cref="Randomized"/> (as scikit-learn's "auto").</summary>
    Auto,

    /// <summary>Thin SVD of the centred data: O(N·D·min(N, D)).</summary>
    Exact,

    /// <summary>
    /// Randomized SVD (Halko, Martinsson and Tropp 2011, algorithm 4.4): a seeded Gaussian sketch of
    /// k + 10 columns, 7 power iterations with re-orthonormalisation, then an exact SVD of the small
    /// projected matrix. O(N·D·k); agrees with <see cref="Exact"/> to high precision when the
    /// spectrum decays past the k-th component, as embeddings' spectra do.
    /// </summary>
    Randomized,
}
