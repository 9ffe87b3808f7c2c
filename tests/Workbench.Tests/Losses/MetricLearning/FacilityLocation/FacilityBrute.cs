using Workbench.Clustering;
using Workbench.Losses.MetricLearning.FacilityLocation;

namespace Workbench.Tests.Losses.MetricLearning.FacilityLocation;

/// <summary>Naive re-implementations of the facility-location definitions (papers.md 3.1–3.2), written independently of the library's incremental code.</summary>
internal static class FacilityBrute
{
    /// <summary>g(S): nearest medoid position (earliest on ties), a medoid to itself.</summary>
    public static int[] Assign(double[] d, int m, IReadOnlyList<int> medoids)
    {
        var assign = new int[m];
        for (int i = 0; i < m; i++)
        {
            int self = -1;
            for (int p = 0; p < medoids.Count; p++) if (medoids[p] == i) self = p;
            if (self >= 0)
            {
                assign[i] = self;
                continue;
            }
            int best = 0;
            for (int p = 1; p < medoids.Count; p++) if (d[medoids[p] * m + i] < d[medoids[best] * m + i]) best = p;
            assign[i] = best;
        }
        return assign;
    }

    /// <summary>F(X, S) = −Σ_i min_{j∈S} D_ji.</summary>
    public static double Facility(double[] d, int m, IReadOnlyList<int> medoids)
    {
        double sum = 0;
        for (int i = 0; i < m; i++) sum += medoids.Min(s => d[s * m + i]);
        return -sum;
    }

    /// <summary>Clustering score of g(S) against the labels.</summary>
    public static double Score(double[] d, int m, long[] labels, IReadOnlyList<int> medoids, FacilityMarginType type, NmiNormalization normalization)
    {
        var assign = Assign(d, m, medoids);
        switch (type)
        {
            case FacilityMarginType.ConstTfLiteral:
                return Enumerable.Range(0, m).All(i => labels[i] == assign[i]) ? 1 : 0;
            case FacilityMarginType.Const:
                // Same partition iff "same cluster" ⇔ "same label" for every pair.
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < m; j++)
                        if ((assign[i] == assign[j]) != (labels[i] == labels[j])) return 0;
                return 1;
            default:
                return BruteNmi(assign, labels.Select(l => checked((int)l)).ToArray(), normalization);
        }
    }

    /// <summary>
    /// NMI from probabilities with double loops (papers.md 3.1; scikit-learn's edge cases: both
    /// partitions single → 1, otherwise a single-cluster side has H = 0 and I = 0 → 0).
    /// </summary>
    public static double BruteNmi(int[] a, int[] b, NmiNormalization normalization = NmiNormalization.Geometric)
    {
        int n = a.Length;
        var av = a.Distinct().ToArray();
        var bv = b.Distinct().ToArray();
        if (av.Length == 1 && bv.Length == 1) return 1.0;
        double mi = 0, ha = 0, hb = 0;
        foreach (int x in av)
        {
            double px = a.Count(v => v == x) / (double)n;
            ha -= px * Math.Log(px);
            foreach (int y in bv)
            {
                double py = b.Count(v => v == y) / (double)n;
                double pxy = Enumerable.Range(0, n).Count(k => a[k] == x && b[k] == y) / (double)n;
                if (pxy > 0) mi += pxy * Math.Log(pxy / (px * py));
            }
        }
        foreach (int y in bv)
        {
            double py = b.Count(v => v == y) / (double)n;
            hb -= py * Math.Log(py);
        }
        if (av.Length == 1 || bv.Length == 1) return 0.0;
        double norm = normalization == NmiNormalization.Geometric ? Math.Sqrt(ha * hb) : 0.5 * (ha + hb);
        return mi / norm;
    }

    /// <summary>F + γ(1 − score).</summary>
    public static double Augmented(double[] d, int m, long[] labels, IReadOnlyList<int> medoids, double gamma,
        FacilityMarginType type = FacilityMarginType.Nmi, NmiNormalization normalization = NmiNormalization.Geometric) =>
        Facility(d, m, medoids) + gamma * (1 - Score(d, m, labels, medoids, type, normalization));

    /// <summary>Paper Alg. 1 written naively: every candidate scored from scratch.</summary>
    public static List<int> Greedy(double[] d, int m, long[] labels, double gamma, FacilityMarginType type, NmiNormalization normalization)
    {
        int classes = labels.Distinct().Count();
        var s = new List<int>();
        for (int step = 0; step < classes; step++)
        {
            double best = double.NegativeInfinity;
            int bestC = -1;
            for (int c = 0; c < m; c++)
            {
                if (s.Contains(c)) continue;
                var trial = new List<int>(s) { c };
                double v = Augmented(d, m, labels, trial, gamma, type, normalization);
                if (v > best)
                {
                    best = v;
                    bestC = c;
                }
            }
            s.Add(bestC);
        }
        return s;
    }

    /// <summary>One PAM sweep written naively (memberships fixed at the start, NMI on the full reassignment).</summary>
    public static List<int> PamSweep(double[] d, int m, long[] labels, List<int> medoids, double gamma, FacilityMarginType type, NmiNormalization normalization)
    {
        var s = new List<int>(medoids);
        var start = Assign(d, m, s);
        for (int t = 0; t < s.Count; t++)
        {
            var members = Enumerable.Range(0, m).Where(i => start[i] == t).ToList();
            double best = double.NegativeInfinity;
            int bestJ = s[t];
            foreach (int j in members)
            {
                double within = -members.Sum(i => d[i * m + j]);
                var trial = new List<int>(s) { [t] = j };
                double v = within + gamma * (1 - Score(d, m, labels, trial, type, normalization));
                if (v > best)
                {
                    best = v;
                    bestJ = j;
                }
            }
            s[t] = bestJ;
        }
        return s;
    }

    /// <summary>max over all medoid sets of size k of the augmented score (combinations in ascending order).</summary>
    public static double ExhaustiveMax(double[] d, int m, long[] labels, double gamma, FacilityMarginType type = FacilityMarginType.Nmi)
    {
        int k = labels.Distinct().Count();
        double best = double.NegativeInfinity;
        foreach (var set in Combinations(m, k)) best = Math.Max(best, Augmented(d, m, labels, set, gamma, type));
        return best;
    }

    private static IEnumerable<int[]> Combinations(int n, int k)
    {
        var c = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])c.Clone();
            int i = k - 1;
            while (i >= 0 && c[i] == n - k + i) i--;
            if (i < 0) yield break;
            c[i]++;
            for (int j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
        }
    }

    /// <summary>Euclidean distance matrix of random points (zero diagonal), float64.</summary>
    public static double[] Distances(double[,] x)
    {
        int m = x.GetLength(0), dim = x.GetLength(1);
        var d = new double[m * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                if (i == j) continue;
                double s = 0;
                for (int k = 0; k < dim; k++) s += (x[i, k] - x[j, k]) * (x[i, k] - x[j, k]);
                d[i * m + j] = Math.Sqrt(s);
            }
        return d;
    }

    /// <summary>Random points: class centres spread by <paramref name="separation"/>, items jittered by <paramref name="noise"/>.</summary>
    public static (double[,] X, long[] Labels) Points(Random random, int m, int classes, int dim, double separation, double noise)
    {
        var centers = new double[classes, dim];
        for (int c = 0; c < classes; c++) for (int k = 0; k < dim; k++) centers[c, k] = separation * (random.NextDouble() * 2 - 1);
        var x = new double[m, dim];
        var labels = new long[m];
        for (int i = 0; i < m; i++)
        {
            int c = i < classes ? i : random.Next(classes);
            labels[i] = c * 7 + 3; // arbitrary ids, not positions
            for (int k = 0; k < dim; k++) x[i, k] = centers[c, k] + noise * (random.NextDouble() * 2 - 1);
        }
        return (x, labels);
    }
}
