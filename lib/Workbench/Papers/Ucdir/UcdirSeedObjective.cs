using Workbench.Losses.Ucdir;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// The seed variant of UCDIR (papers.md 1.10, left column): L = L_CW + 0.1 L_DD + 0.01 L_SE over a paired batch of
/// domains A and B, with soft assignments to per-domain centroids that are updated online from the batch.
/// </summary>
/// <remarks>
/// <para><b>Seed choices</b> (everything the seed leaves open; project decisions):</para>
/// <list type="number">
/// <item>Assignments p_ij = softmax_j(cos(z_i, c_j)/τ), τ = 0.1, against the stored centroids <i>before</i> this step's update;
/// the centroids are constants there, so CW and SE send gradients only into z.</item>
/// <item>CW uses the hard cluster y_i = argmax_j p_ij (detached; ties → lowest index); CW and SE are sums over the samples
/// of both domains (seed's Σ_i); <see cref="UcdirReduction.Mean"/> is an option.</item>
/// <item>Centroid update: m_j = Σ_i p_ij z_i / Σ_i p_ij per domain, folded in by the store's rule (default: replace; EMA and
/// running mean as options), detached, re-normalised to unit norm, clusters with batch mass &lt; 1e-6 unchanged. Initial
/// centroids are the caller's (recommended: k-means on the first epoch's features).</item>
/// <item>Gradient path of L_DD: with detached stored centroids L_DD would have none. By default DD compares the centroids the
/// stores will hold after this step, built from the batch means m with gradient through m (into z and p);
/// <see cref="SeedDdCentroids"/> offers the raw batch means or a gradient-free monitor.</item>
/// <item>Matching: Sinkhorn on 1 − cos between A's and B's centroids, uniform marginals 1/K, ε = 0.05, ≤ 50 iterations,
/// tolerance 1e-6, detached; π = Hungarian on −P; L_DD = Σ_ij |d_A(i, j) − d_B(π(i), π(j))| with Euclidean distances (sum).
/// Both domains need the same K.</item>
/// <item>IW (ablation baseline only): the official memory-bank InfoNCE, T = 0.2, bank updated with the keys first,
/// ½(IW_A + IW_B), weight 1.</item>
/// </list>
/// </remarks>
public sealed class UcdirSeedObjective
{
    /// <summary>Creates the objective (default: the full seed objective).</summary>
    public UcdirSeedObjective(UcdirSeedOptions? options = null)
    {
        Options = options ?? new UcdirSeedOptions();
        Options.Validate();
    }

    /// <summary>The configuration.</summary>
    public UcdirSeedOptions Options { get; }

    /// <summary>Computes the objective for one paired step and (by default) updates the centroid stores and banks.</summary>
    /// <param name="a">Domain A: z <c>[n_A, D]</c> (+ keys, ids, bank when IW is on).</param>
    /// <param name="b">Domain B.</param>
    /// <param name="centroidsA">A's centroid store (required unless only IW is on).</param>
    /// <param name="centroidsB">B's centroid store.</param>
    /// <param name="updateCentroids">Fold this batch into the stores after computing the loss (default true).</param>
    /// <param name="updateBanks">Write the keys into the banks before IW (default true).</param>
    public UcdirLossTerms Compute(UcdirDomainBatch a, UcdirDomainBatch b, CentroidStore? centroidsA, CentroidStore? centroidsB,
        bool updateCentroids = true, bool updateBanks = true)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var o = Options;
        bool clusters = o.UseClusterWise || o.UseSelfEntropy || o.UseDistanceOfDistance;
        Tensor? iw = null, cw = null, se = null, dd = null;
        int[]? pi = null;
        Clustering.SinkhornResult? matching = null;
        Tensor total = zeros(1, dtype: a.Queries.dtype, device: a.Queries.device).squeeze();

        if (o.UseInstanceWise)
        {
            iw = (InstanceWise(a, "A", updateBanks) + InstanceWise(b, "B", updateBanks)) / 2;
            total = total + iw * o.InstanceWiseWeight;
        }
        if (clusters || (updateCentroids && centroidsA is not null && centroidsB is not null))
        {
            if (centroidsA is null || centroidsB is null)
                throw new ArgumentException("The seed CW/SE/DD terms need a CentroidStore for each domain.");
            Check(a.Queries, centroidsA, "A");
            Check(b.Queries, centroidsB, "B");
            var logitsA = SoftAssignment.Logits(a.Queries, centroidsA.Centroids, o.Temperature);
            var logitsB = SoftAssignment.Logits(b.Queries, centroidsB.Centroids, o.Temperature);
            if (o.UseClusterWise)
            {
                cw = o.Reduction.ToReducer().Reduce(cat([SeedClusterWiseLoss.PerSample(logitsA), SeedClusterWiseLoss.PerSample(logitsB)]));
                total = total + cw * o.ClusterWiseWeight;
            }
            if (o.UseSelfEntropy)
            {
                se = o.Reduction.ToReducer().Reduce(cat([SelfEntropyLoss.PerSample(logitsA), SelfEntropyLoss.PerSample(logitsB)]));
                total = total + se * o.SelfEntropyWeight;
            }
            var (meansA, massA) = CentroidStore.WeightedBatchMean(a.Queries, logitsA.softmax(1));
            var (meansB, massB) = CentroidStore.WeightedBatchMean(b.Queries, logitsB.softmax(1));
            if (o.UseDistanceOfDistance)
            {
                var result = SeedDistanceOfDistanceLoss.Compute(
                    DdCentroids(centroidsA, meansA, massA), DdCentroids(centroidsB, meansB, massB), o.Dd);
                (dd, pi, matching) = (result.Loss, result.Permutation, result.Matching);
                total = total + dd * o.DistanceOfDistanceWeight;
            }
            if (updateCentroids)
            {
                centroidsA.Apply(meansA.detach(), massA.detach());
                centroidsB.Apply(meansB.detach(), massB.detach());
            }
        }
        return new UcdirLossTerms(total, iw, cw, se, dd) { Permutation = pi, Matching = matching };
    }

    private Tensor InstanceWise(UcdirDomainBatch batch, string domain, bool updateBank)
    {
        var (keys, ids, bank) = batch.RequireBank("Instance-wise InfoNCE (IW)", domain);
        if (updateBank) bank.Update(ids, keys);
        return MemoryBankInfoNce.Compute(batch.Queries, keys, bank.Features, ids, Options.InstanceWiseTemperature);
    }

    private Tensor DdCentroids(CentroidStore store, Tensor means, Tensor mass) => Options.DdCentroids switch
    {
        SeedDdCentroids.UpdatedCentroids => store.Blend(means, mass),
        SeedDdCentroids.BatchMeans => store.Normalize ? nn.functional.normalize(means, 2, 1) : means,
        SeedDdCentroids.StoredConstant => store.Centroids,
        _ => throw new InvalidOperationException($"Unknown DD centroid choice {Options.DdCentroids}."),
    };

    private static void Check(Tensor z, CentroidStore store, string domain)
    {
        if (z.dim() != 2 || z.shape[1] != store.Dimension)
            throw new ArgumentException($"Domain {domain}: features must be [n, {store.Dimension}] to match its centroids; got [{string.Join(", ", z.shape)}].");
    }
}
