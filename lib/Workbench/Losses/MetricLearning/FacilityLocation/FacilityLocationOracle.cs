namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>
/// The oracle score F̃(X, y*) = Σ_k max_{j∈C_k} (−Σ_{i∈C_k} D_ij): per class, the best single
/// medoid (TF contrib's <c>compute_gt_cluster_score</c>; column sums, first index on ties).
/// A singleton class contributes 0.
/// </summary>
public static class FacilityLocationOracle
{
    /// <summary>
    /// Oracle medoid of every item (the medoid of its class) and F̃.
    /// <paramref name="distances"/>: row-major [m, m]; <paramref name="labels"/>: [m] any integer ids.
    /// </summary>
    /// <exception cref="ArgumentException">Size mismatch.</exception>
    public static (int[] MedoidOfItem, double Score) Solve(ReadOnlySpan<double> distances, ReadOnlySpan<long> labels)
    {
        int m = labels.Length;
        if (distances.Length != (long)m * m)
        {
            throw new ArgumentException($"The distance matrix has {distances.Length} entries; {m} labels need {(long)m * m}.", nameof(distances));
        }
        var members = new Dictionary<long, List<int>>();
        for (int i = 0; i < m; i++)
        {
            if (!members.TryGetValue(labels[i], out var list)) members[labels[i]] = list = [];
            list.Add(i);
        }
        var medoidOfItem = new int[m];
        double score = 0;
        foreach (var list in members.Values)
        {
            double best = double.PositiveInfinity;
            int bestMember = list[0];
            foreach (int j in list)
            {
                double sum = 0;
                foreach (int i in list) sum += distances[i * m + j];
                if (sum < best)
                {
                    best = sum;
                    bestMember = j;
                }
            }
            score -= best;
            foreach (int i in list) medoidOfItem[i] = bestMember;
        }
        return (medoidOfItem, score);
    }
}
