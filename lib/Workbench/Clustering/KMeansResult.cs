using static TorchSharp.torch;

namespace Workbench.Clustering;

/// <summary>The best run of <see cref="KMeans.Fit"/>. Owns <see cref="Centroids"/>; dispose it when done.</summary>
public sealed class KMeansResult : IDisposable
{
    internal KMeansResult(Tensor centroids, long[] assignments, double inertia, int iterations, bool converged,
        int bestRestart, long[] restartSeeds, double[] restartInertias)
    {
        Centroids = centroids;
        Assignments = assignments;
        Inertia = inertia;
        Iterations = iterations;
        Converged = converged;
        BestRestart = bestRestart;
        RestartSeeds = restartSeeds;
        RestartInertias = restartInertias;
    }

    /// <summary><c>[k, D]</c> centroids in the data's dtype, on the computation device.</summary>
    public Tensor Centroids { get; }

    /// <summary>Cluster index in [0, k) of every point, for the final centroids.</summary>
    public long[] Assignments { get; }

    /// <summary>Σ over points of the squared Euclidean distance to the assigned centroid (float64 sum).</summary>
    public double Inertia { get; }

    /// <summary>Lloyd iterations run by the best restart.</summary>
    public int Iterations { get; }

    /// <summary>Whether the best restart met the tolerance (or stable assignments) before the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>Index of the kept restart.</summary>
    public int BestRestart { get; }

    /// <summary>The derived seed of every restart (for run records).</summary>
    public long[] RestartSeeds { get; }

    /// <summary>Final inertia of every restart.</summary>
    public double[] RestartInertias { get; }

    /// <summary>Disposes <see cref="Centroids"/>.</summary>
    public void Dispose() => Centroids.Dispose();
}
