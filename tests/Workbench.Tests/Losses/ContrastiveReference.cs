namespace Workbench.Tests.Losses;

/// <summary>Brute-force loop implementations of the contrastive losses, in double precision.</summary>
internal static class ContrastiveReference
{
    public static double[][] Rows(Tensor t)
    {
        using var d = t.detach().to(ScalarType.Float64).contiguous();
        double[] flat = d.data<double>().ToArray();
        int n = (int)t.shape[0], dim = (int)t.shape[1];
        return Enumerable.Range(0, n).Select(i => flat.AsSpan(i * dim, dim).ToArray()).ToArray();
    }

    public static double Scalar(Tensor t)
    {
        using var d = t.detach().to(ScalarType.Float64);
        return d.item<double>();
    }

    /// <summary>PyTorch cosine similarity: a·b / (max(‖a‖, eps) · max(‖b‖, eps)).</summary>
    public static double Cosine(double[] a, double[] b, double eps = 1e-8)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / (Math.Max(Math.Sqrt(na), eps) * Math.Max(Math.Sqrt(nb), eps));
    }

    /// <summary>NT-Xent over W = [u; v]: mean over the 2N anchors of −log(exp(s_pos/τ) / Σ_{r'≠r} exp(s/τ)).</summary>
    public static double NtXent(double[][] u, double[][] v, double tau)
    {
        var w = u.Concat(v).ToArray();
        int n = u.Length, rows = w.Length;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            int pos = (r + n) % rows;
            double denominator = 0;
            for (int c = 0; c < rows; c++)
            {
                if (c != r) denominator += Math.Exp(Cosine(w[r], w[c]) / tau);
            }
            total += -Math.Log(Math.Exp(Cosine(w[r], w[pos]) / tau) / denominator);
        }
        return total / rows;
    }
}
