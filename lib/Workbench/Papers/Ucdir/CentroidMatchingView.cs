using Workbench.Clustering;
using Workbench.Losses.Distances;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// The seed variant's centroid matching (papers.md 1.10) applied to two domains' final features, for inspection: k-means per
/// domain (<see cref="UcdirClustering"/>), clusters ordered by the class most of their images belong to (labels are used
/// only for this ordering and the agreement count), Sinkhorn on the cost 1 − cos between A's and B's centroids (uniform
/// marginals, ε 0.05, ≤ 50 iterations, as the seed DD default), and the permutation by Hungarian on −P. With good features the
/// plan's mass lies on the diagonal and π pairs clusters of the same class.
/// </summary>
/// <param name="Plan">Transport plan <c>[k, k]</c> (rows: A's clusters, columns: B's, both in majority-class order); rows sum to 1/k.</param>
/// <param name="Permutation">π: A's cluster i (in that order) ↦ B's cluster π(i).</param>
/// <param name="MajorityA">Majority class of A's clusters, ascending (the row order); −1 for an empty cluster.</param>
/// <param name="MajorityB">Majority class of B's clusters, ascending (the column order).</param>
/// <param name="Agreement">Clusters i whose partner π(i) has the same majority class.</param>
/// <remarks>Introduced in notebooks/01-ucdir.ipynb, "The Sinkhorn plan".</remarks>
public sealed record CentroidMatchingView(Tensor Plan, int[] Permutation, int[] MajorityA, int[] MajorityB, int Agreement) : IDisposable
{
    /// <summary>Clusters both domains and matches their centroids.</summary>
    /// <param name="featuresA"><c>[N_A, D]</c> features of A.</param>
    /// <param name="labelsA">Class of every image of A.</param>
    /// <param name="featuresB"><c>[N_B, D]</c> features of B.</param>
    /// <param name="labelsB">Class of every image of B.</param>
    /// <param name="clusters">k per domain.</param>
    /// <param name="seed">Seed of the k-means restarts.</param>
    public static CentroidMatchingView Compute(Tensor featuresA, IReadOnlyList<int> labelsA, Tensor featuresB, IReadOnlyList<int> labelsB, int clusters, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(featuresA);
        ArgumentNullException.ThrowIfNull(featuresB);
        using var scope = NewDisposeScope();
        using var a = UcdirClustering.Cluster(featuresA, clusters, restarts: 5, iterations: 20, seed);
        using var b = UcdirClustering.Cluster(featuresB, clusters, restarts: 5, iterations: 20, seed + 1);
        var (orderA, majorityA) = ByMajority(a.Labels, labelsA, clusters);
        var (orderB, majorityB) = ByMajority(b.Labels, labelsB, clusters);
        var pa = a.Prototypes.index_select(0, tensor(orderA, device: featuresA.device));
        var pb = b.Prototypes.index_select(0, tensor(orderB, device: featuresB.device));
        var cost = 1 - new DotProductSimilarity().Pairwise(pa, pb);   // unit prototypes: 1 − cos
        using var solved = Sinkhorn.Solve(cost, options: new SinkhornOptions { Epsilon = 0.05, MaxIterations = 50 });
        var pi = TransportPermutation.FromPlan(solved.Plan);
        int agreement = Enumerable.Range(0, clusters).Count(i => majorityA[i] >= 0 && majorityA[i] == majorityB[pi[i]]);
        return new CentroidMatchingView(solved.Plan.detach().clone().MoveToOuterDisposeScope(), pi, majorityA, majorityB, agreement);
    }

    /// <summary>Disposes the plan.</summary>
    public void Dispose() => Plan.Dispose();

    private static (long[] Order, int[] Majority) ByMajority(Tensor clusterOfImage, IReadOnlyList<int> labels, int k)
    {
        var assigned = clusterOfImage.cpu().data<long>().ToArray();
        if (assigned.Length != labels.Count) throw new ArgumentException($"{labels.Count} labels for {assigned.Length} features.");
        var majority = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, assigned.Length).Where(i => assigned[i] == c)
            .GroupBy(i => labels[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).DefaultIfEmpty(-1).First()).ToArray();
        var order = Enumerable.Range(0, k).OrderBy(c => majority[c] < 0 ? int.MaxValue : majority[c]).ThenBy(c => c).ToArray();
        return (order.Select(c => (long)c).ToArray(), order.Select(c => majority[c]).ToArray());
    }
}
