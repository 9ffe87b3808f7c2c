namespace Workbench.Metrics;

/// <summary>
/// AP@K averaged over every order of the items inside each group of tied scores, in closed form
/// (McSherry &amp; Najork, ECIR 2008). Coarse codes (PQ with few centroids, LSH) give many equal
/// distances, and <see cref="MeanAveragePrecision"/> then depends on the id order the ranking puts
/// ties in; this is the tie-independent value reported next to it.
/// </summary>
/// <remarks>
/// Same convention as <see cref="MeanAveragePrecision"/>: AP@K = (1/R_K) Σ_j j / r_j over the R_K relevant
/// items in the top K (0 when R_K = 0). For a tie group at 1-based ranks s+1 … s+n with r relevant
/// items and c relevant items ranked before it, a uniformly random order gives
/// P(rank s+i relevant) = r/n and P(ranks s+i and s+j relevant) = r(r−1)/(n(n−1)), so the expected
/// sum of precisions at its relevant ranks is
/// Σ_{i=1..n} [ (r/n)(c+1) + (i−1) r(r−1)/(n(n−1)) ] / (s+i).
/// A group that straddles K contributes only its first t = K − s ranks, and R_K then depends on how
/// many relevant items m land there (hypergeometric: C(r,m) C(n−r,t−m) / C(n,t)); given m those t ranks
/// are a random arrangement of m relevant items, so the same formula applies with (t, m), and the
/// expectation of the ratio is taken exactly over m.
/// </remarks>
public static class ExpectedAveragePrecision
{
    /// <summary>Expected AP@<paramref name="cutoff"/> of one ranked list (scores in ranking order, ties adjacent).</summary>
    /// <param name="scores">Scores of the ranked items, best first; equal values form tie groups.</param>
    /// <param name="relevant">Relevance of each ranked item.</param>
    /// <param name="cutoff">K ≥ 1 (clamped to the list length).</param>
    /// <param name="complete">True when the list holds every candidate (so the last tie group ends with it).</param>
    /// <exception cref="InvalidOperationException">The tie group at rank K continues past the stored list (rank deeper, or use a complete ranking).</exception>
    public static double Of(ReadOnlySpan<float> scores, ReadOnlySpan<bool> relevant, int cutoff, bool complete)
    {
        var widened = new double[scores.Length];
        for (int i = 0; i < scores.Length; i++) widened[i] = scores[i];
        return Of(widened, relevant, cutoff, complete);
    }

    /// <inheritdoc cref="Of(ReadOnlySpan{float}, ReadOnlySpan{bool}, int, bool)"/>
    public static double Of(ReadOnlySpan<double> scores, ReadOnlySpan<bool> relevant, int cutoff, bool complete)
    {
        if (scores.Length != relevant.Length) throw new ArgumentException($"{scores.Length} scores but {relevant.Length} relevance flags.", nameof(relevant));
        ArgumentOutOfRangeException.ThrowIfLessThan(cutoff, 1);
        int length = scores.Length;
        int k = Math.Min(cutoff, length);
        double before = 0; // expected Σ precision over the complete groups above K
        int c = 0; // relevant items above the current group
        int s = 0;
        while (s < k)
        {
            int e = s + 1;
            while (e < length && scores[e] == scores[s]) e++;
            if (e == length && !complete)
            {
                throw new InvalidOperationException($"The tie group at rank {k} continues past the {length} stored positions; rank deeper (or completely) to compute the expected AP.");
            }
            int n = e - s, r = 0;
            for (int i = s; i < e; i++) if (relevant[i]) r++;
            if (e <= k)
            {
                before += GroupSum(s, n, r, c);
                c += r;
                s = e;
                continue;
            }
            return Straddling(before, s, n, r, c, k - s);
        }
        return c == 0 ? 0 : before / c;
    }

    /// <summary>E[Σ precision at the relevant ranks] of t random positions from rank s+1 holding m relevant items after c earlier ones.</summary>
    private static double GroupSum(int s, int t, int m, int c)
    {
        if (m == 0) return 0;
        double single = (double)m / t * (c + 1);
        double pair = t > 1 ? (double)m * (m - 1) / ((double)t * (t - 1)) : 0;
        double sum = 0;
        for (int i = 1; i <= t; i++) sum += (single + (i - 1) * pair) / (s + i);
        return sum;
    }

    private static double Straddling(double before, int s, int n, int r, int c, int t)
    {
        int lo = Math.Max(0, t - (n - r)), hi = Math.Min(r, t);
        // log C(r,m) + log C(n−r,t−m), normalised by their sum (= C(n,t)) with log-sum-exp
        var logWeights = new double[hi - lo + 1];
        logWeights[0] = 0;
        for (int m = lo; m < hi; m++)
        {
            // w(m+1)/w(m) = (r−m)(t−m) / ((m+1)(n−r−t+m+1))
            logWeights[m - lo + 1] = logWeights[m - lo] + Math.Log((double)(r - m) * (t - m)) - Math.Log((double)(m + 1) * (n - r - t + m + 1));
        }
        double max = logWeights.Max(), total = 0;
        foreach (double w in logWeights) total += Math.Exp(w - max);
        double expected = 0;
        for (int m = lo; m <= hi; m++)
        {
            if (c + m == 0) continue;
            double p = Math.Exp(logWeights[m - lo] - max) / total;
            expected += p * (before + GroupSum(s, t, m, c)) / (c + m);
        }
        return expected;
    }
}
