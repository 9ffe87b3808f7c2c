namespace Workbench.Clustering;

/// <summary>
/// Normalised mutual information between two partitions of the same n items, computed from
/// integer contingency counts with natural logarithms.
/// </summary>
/// <remarks>
/// <para>NMI(a, b) = I(a; b) / norm(H(a), H(b)), with
/// I = Σ_ij (n_ij/n) log(n·n_ij / (r_i c_j)) and H(a) = log n − (1/n) Σ_i r_i log r_i
/// (r = row sums, c = column sums).</para>
/// <para>Edge cases follow scikit-learn's <c>normalized_mutual_info_score</c>: when both partitions
/// have a single cluster (or there are no items) NMI = 1; otherwise when I = 0 (which includes
/// one side having a single cluster) NMI = 0. Empty rows or columns are ignored.</para>
/// </remarks>
public static class Nmi
{
    /// <summary>NMI of two label arrays of equal length (labels are arbitrary integers).</summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static double Compute(ReadOnlySpan<int> a, ReadOnlySpan<int> b, NmiNormalization normalization = NmiNormalization.Geometric)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Label arrays differ in length ({a.Length} vs {b.Length}).", nameof(b));
        var (ra, na) = Relabel(a);
        var (rb, nb) = Relabel(b);
        var joint = new int[na * nb];
        for (int i = 0; i < ra.Length; i++) joint[ra[i] * nb + rb[i]]++;
        return FromCounts(joint, na, nb, normalization);
    }

    /// <summary>NMI of two label arrays of equal length.</summary>
    public static double Compute(ReadOnlySpan<long> a, ReadOnlySpan<long> b, NmiNormalization normalization = NmiNormalization.Geometric)
    {
        var ia = new int[a.Length];
        var ib = new int[b.Length];
        for (int i = 0; i < a.Length; i++) ia[i] = checked((int)a[i]);
        for (int i = 0; i < b.Length; i++) ib[i] = checked((int)b[i]);
        return Compute(ia, ib, normalization);
    }

    /// <summary>NMI from a row-major contingency table <paramref name="joint"/> of shape [rows, cols].</summary>
    /// <exception cref="ArgumentException">The table size does not match, or a count is negative.</exception>
    public static double FromCounts(ReadOnlySpan<int> joint, int rows, int cols, NmiNormalization normalization = NmiNormalization.Geometric)
    {
        if (joint.Length != rows * cols) throw new ArgumentException($"Contingency table has {joint.Length} cells, expected {rows}x{cols}.", nameof(joint));
        Span<int> rowSums = rows <= 256 ? stackalloc int[rows] : new int[rows];
        Span<int> colSums = cols <= 256 ? stackalloc int[cols] : new int[cols];
        rowSums.Clear();
        colSums.Clear();
        int n = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                int v = joint[i * cols + j];
                if (v < 0) throw new ArgumentException("Contingency counts must be non-negative.", nameof(joint));
                rowSums[i] += v;
                colSums[j] += v;
                n += v;
            }
        }
        return FromCounts(joint, rowSums, colSums, n, normalization);
    }

    /// <summary>
    /// NMI from a contingency table with its marginals already known (for incremental callers
    /// that maintain the counts, e.g. loss-augmented inference).
    /// </summary>
    /// <param name="joint">Row-major counts [rowSums.Length, colSums.Length].</param>
    /// <param name="rowSums">Row marginals r_i.</param>
    /// <param name="colSums">Column marginals c_j.</param>
    /// <param name="n">Total count.</param>
    /// <param name="normalization">Geometric (default) or arithmetic.</param>
    public static double FromCounts(ReadOnlySpan<int> joint, ReadOnlySpan<int> rowSums, ReadOnlySpan<int> colSums, int n, NmiNormalization normalization = NmiNormalization.Geometric)
    {
        int rows = rowSums.Length, cols = colSums.Length;
        int nonEmptyRows = 0, nonEmptyCols = 0;
        foreach (int r in rowSums) if (r > 0) nonEmptyRows++;
        foreach (int c in colSums) if (c > 0) nonEmptyCols++;
        if (n == 0 || (nonEmptyRows == 1 && nonEmptyCols == 1)) return 1.0;
        // One side with a single cluster carries no information: I = 0 exactly (computed, it is
        // a rounding error of either sign, and the entropy a tiny negative number).
        if (nonEmptyRows == 1 || nonEmptyCols == 1) return 0.0;

        double logN = Math.Log(n);
        double mi = 0;
        for (int i = 0; i < rows; i++)
        {
            int r = rowSums[i];
            if (r == 0) continue;
            double logR = Math.Log(r);
            for (int j = 0; j < cols; j++)
            {
                int v = joint[i * cols + j];
                if (v == 0) continue;
                mi += v * (Math.Log(v) + logN - logR - Math.Log(colSums[j]));
            }
        }
        return FromEntropies(mi / n, Entropy(rowSums, n), Entropy(colSums, n), normalization);
    }

    /// <summary>
    /// The last step of NMI: I / norm(H(a), H(b)), for callers that maintain I and the entropies
    /// incrementally (facility-location inference). Returns 0 when I ≤ 0 or the normaliser is not
    /// positive, and never more than 1.
    /// </summary>
    /// <param name="mutualInformation">I(a; b) in nats.</param>
    /// <param name="entropyA">H(a) in nats.</param>
    /// <param name="entropyB">H(b) in nats.</param>
    /// <param name="normalization">Geometric (default) or arithmetic.</param>
    public static double FromEntropies(double mutualInformation, double entropyA, double entropyB, NmiNormalization normalization = NmiNormalization.Geometric)
    {
        if (!(mutualInformation > 0)) return 0.0;
        double norm = normalization == NmiNormalization.Geometric
            ? Math.Sqrt(Math.Max(0, entropyA) * Math.Max(0, entropyB))
            : 0.5 * (entropyA + entropyB);
        return !(norm > 0) ? 0.0 : Math.Min(1.0, mutualInformation / norm);
    }

    /// <summary>Entropy (nats) of a partition given its cluster sizes.</summary>
    public static double Entropy(ReadOnlySpan<int> sizes, int n)
    {
        double s = 0;
        foreach (int c in sizes) if (c > 0) s += c * Math.Log(c);
        return Math.Log(n) - s / n;
    }

    private static (int[] Labels, int Count) Relabel(ReadOnlySpan<int> labels)
    {
        var map = new Dictionary<int, int>();
        var result = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!map.TryGetValue(labels[i], out int id))
            {
                id = map.Count;
                map[labels[i]] = id;
            }
            result[i] = id;
        }
        return (result, map.Count);
    }
}
