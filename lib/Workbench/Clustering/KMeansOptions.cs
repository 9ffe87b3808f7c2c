using static TorchSharp.torch;

namespace Workbench.Clustering;

/// <summary>Settings of <see cref="KMeans.Fit"/>. Defaults follow scikit-learn's <c>KMeans</c> (k-means++, 300 iterations, tol 1e-4).</summary>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters k (1 ≤ k ≤ N).</summary>
    public required int Clusters { get; init; }

    /// <summary>Initialisation; default <see cref="KMeansInit.PlusPlus"/>.</summary>
    public KMeansInit Init { get; init; } = KMeansInit.PlusPlus;

    /// <summary>Independent runs; the one with the lowest inertia is kept. Default 1.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Maximum Lloyd iterations per run. Default 300.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>
    /// Relative tolerance: a run stops when the summed squared centroid shift is at most
    /// <c>Tolerance · mean_j Var(x_j)</c> (scikit-learn's rule), or when assignments stop changing. Default 1e-4.
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Seed; restart r uses the stream <c>kmeans/r</c> derived from it (<see cref="Runtime.Seeding.Derive"/>). Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>k-means++ candidates per new centre; null = 2 + ⌊ln k⌋.</summary>
    public int? LocalTrials { get; init; }

    /// <summary>Budget in bytes for one chunk's <c>[rows, k]</c> distance matrix. Default 64 MB.</summary>
    public long ChunkBytes { get; init; } = 64L << 20;

    /// <summary>Device for the computation; null = the data's device.</summary>
    public Device? Device { get; init; }

    /// <summary>Throws when a setting is out of range for <paramref name="points"/> data points.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate(long points)
    {
        if (Clusters < 1) throw new ArgumentException($"k-means needs at least 1 cluster, got {Clusters}.");
        if (Clusters > points) throw new ArgumentException($"k-means with k = {Clusters} needs at least {Clusters} points, got {points}.");
        if (Restarts < 1) throw new ArgumentException($"Restarts must be at least 1, got {Restarts}.");
        if (MaxIterations < 1) throw new ArgumentException($"MaxIterations must be at least 1, got {MaxIterations}.");
        if (!(Tolerance >= 0)) throw new ArgumentException($"Tolerance must be ≥ 0, got {Tolerance}.");
        if (LocalTrials is < 1) throw new ArgumentException($"LocalTrials must be at least 1, got {LocalTrials}.");
        if (ChunkBytes < 1) throw new ArgumentException($"ChunkBytes must be positive, got {ChunkBytes}.");
    }
}
