using System.Numerics;

namespace Workbench.Reporting.Embedding;

/// <summary>
/// The O(N²) parts of exact t-SNE on a 2-D map, fused into one SIMD pass over the pairs with no
/// N × N temporaries: the Student-t normaliser Z = Σ_{i≠j} num_ij, num_ij = (1 + ‖y_i − y_j‖²)⁻¹, and
/// the gradient ∂C/∂y_i = 4 Σ_j (p_ij − q_ij) num_ij (y_i − y_j) with q_ij = num_ij / Z (eq. 5).
/// </summary>
/// <remarks>
/// Rows are split over threads; each row is reduced by one thread in a fixed order and Z is summed
/// over rows sequentially, so results do not depend on scheduling. The map is held as separate
/// x and y coordinate arrays (structure of arrays) so the inner loop vectorises over j.
/// It replaced a torch formulation (one N × N product and eight element-wise passes per iteration)
/// that measured several times slower on 2 cores; see bench/results/reporting.md.
/// </remarks>
internal static class TSneKernel
{
    /// <summary>Z = Σ_{i≠j} (1 + ‖y_i − y_j‖²)⁻¹.</summary>
    public static double Normalizer(float[] xs, float[] ys)
    {
        int n = xs.Length;
        var rows = new double[n];
        ForBlocks(n, b =>
        {
            var (from, to) = Block(b, n);
            for (int i = from; i < to; i++) rows[i] = RowKernelSum(xs, ys, i) - 1.0; // minus the self pair (num_ii = 1)
        });
        double z = 0;
        for (int i = 0; i < n; i++) z += rows[i];
        return z;
    }

    /// <summary>
    /// Writes the gradient into <paramref name="gx"/>, <paramref name="gy"/> and returns Z, in one pass over
    /// the pairs: with A_i = Σ_j s·p_ij num_ij (y_i − y_j) and B_i = Σ_j num_ij² (y_i − y_j), the gradient is
    /// 4 (A_i − B_i / Z), so Z need not be known before the pass. <paramref name="p"/> is the joint P,
    /// row-major [N, N], zero diagonal, used as <paramref name="pScale"/> · P (early exaggeration).
    /// </summary>
    public static double Gradient(float[] p, float pScale, float[] xs, float[] ys, float[] gx, float[] gy)
    {
        int n = xs.Length;
        var rowZ = new double[n];
        var ax = new float[n];
        var ay = new float[n];
        var bx = new float[n];
        var by = new float[n];
        ForBlocks(n, b =>
        {
            var (from, to) = Block(b, n);
            for (int i = from; i < to; i++) rowZ[i] = GradientRow(p.AsSpan(i * n, n), pScale, xs, ys, i, out ax[i], out ay[i], out bx[i], out by[i]);
        });
        double z = 0;
        for (int i = 0; i < n; i++) z += rowZ[i];
        float invZ = (float)(1.0 / z);
        for (int i = 0; i < n; i++)
        {
            gx[i] = 4f * (ax[i] - bx[i] * invZ);
            gy[i] = 4f * (ay[i] - by[i] * invZ);
        }
        return z;
    }

    /// <summary>Σ_ij p_ij ln max(q_ij, 10⁻¹²) for the KL divergence, accumulated in float64.</summary>
    public static double PLogQ(float[] p, float[] xs, float[] ys, double z)
    {
        int n = xs.Length;
        var rows = new double[n];
        ForBlocks(n, b =>
        {
            var (from, to) = Block(b, n);
            for (int i = from; i < to; i++)
            {
                double s = 0;
                for (int j = 0; j < n; j++)
                {
                    float pij = p[i * n + j];
                    if (pij <= 0 || j == i) continue;
                    float dx = xs[i] - xs[j], dy = ys[i] - ys[j];
                    double q = 1.0 / (1.0 + dx * dx + dy * dy) / z;
                    s += pij * Math.Log(Math.Max(q, 1e-12));
                }
                rows[i] = s;
            }
        });
        double total = 0;
        for (int i = 0; i < n; i++) total += rows[i];
        return total;
    }

    /// <summary>(Σ_ij p_ij, Σ_ij p_ij ln p_ij) over the positive entries, in float64.</summary>
    public static (double Sum, double PLogP) Entropy(float[] p)
    {
        double sum = 0, plogp = 0;
        foreach (float v in p)
        {
            if (v <= 0) continue;
            sum += v;
            plogp += v * Math.Log(v);
        }
        return (sum, plogp);
    }

    private static float RowKernelSumScalar(float xi, float yi, float xj, float yj)
    {
        float dx = xi - xj, dy = yi - yj;
        return 1f / (1f + dx * dx + dy * dy);
    }

    private static double RowKernelSum(float[] xs, float[] ys, int i)
    {
        int n = xs.Length, w = Vector<float>.Count, j = 0;
        float xi = xs[i], yi = ys[i];
        var vx = new Vector<float>(xi);
        var vy = new Vector<float>(yi);
        var acc = Vector<float>.Zero;
        for (; j <= n - w; j += w)
        {
            var dx = vx - new Vector<float>(xs, j);
            var dy = vy - new Vector<float>(ys, j);
            acc += Vector<float>.One / (Vector<float>.One + dx * dx + dy * dy);
        }
        double sum = Vector.Sum(acc);
        for (; j < n; j++) sum += RowKernelSumScalar(xi, yi, xs[j], ys[j]);
        return sum;
    }

    /// <summary>One row of the fused pass; returns Σ_{j≠i} num_ij and writes the row's A and B (see <see cref="Gradient"/>).</summary>
    private static double GradientRow(ReadOnlySpan<float> pRow, float pScale, float[] xs, float[] ys, int i,
        out float ax, out float ay, out float bx, out float by)
    {
        int n = xs.Length, w = Vector<float>.Count, j = 0;
        float xi = xs[i], yi = ys[i];
        var vx = new Vector<float>(xi);
        var vy = new Vector<float>(yi);
        Vector<float> sNum = Vector<float>.Zero, sPn = Vector<float>.Zero, sPnX = Vector<float>.Zero, sPnY = Vector<float>.Zero;
        Vector<float> sN2 = Vector<float>.Zero, sN2X = Vector<float>.Zero, sN2Y = Vector<float>.Zero;
        for (; j <= n - w; j += w)
        {
            var xj = new Vector<float>(xs, j);
            var yj = new Vector<float>(ys, j);
            var dx = vx - xj;
            var dy = vy - yj;
            var num = Vector<float>.One / (Vector<float>.One + dx * dx + dy * dy);
            var pn = new Vector<float>(pRow.Slice(j, w)) * num;
            var n2 = num * num;
            sNum += num;
            sPn += pn;
            sPnX += pn * xj;
            sPnY += pn * yj;
            sN2 += n2;
            sN2X += n2 * xj;
            sN2Y += n2 * yj;
        }
        double z = Vector.Sum(sNum);
        float pn1 = Vector.Sum(sPn), pnx = Vector.Sum(sPnX), pny = Vector.Sum(sPnY);
        float n2s = Vector.Sum(sN2), n2x = Vector.Sum(sN2X), n2y = Vector.Sum(sN2Y);
        for (; j < n; j++)
        {
            float num = RowKernelSumScalar(xi, yi, xs[j], ys[j]);
            float pn = pRow[j] * num, n2 = num * num;
            z += num;
            pn1 += pn;
            pnx += pn * xs[j];
            pny += pn * ys[j];
            n2s += n2;
            n2x += n2 * xs[j];
            n2y += n2 * ys[j];
        }
        // Remove the self pair (num_ii = 1, p_ii = 0), which the loops included.
        z -= 1;
        pn1 -= pRow[i];
        pnx -= pRow[i] * xi;
        pny -= pRow[i] * yi;
        n2s -= 1;
        n2x -= xi;
        n2y -= yi;
        ax = pScale * (pn1 * xi - pnx);
        ay = pScale * (pn1 * yi - pny);
        bx = n2s * xi - n2x;
        by = n2s * yi - n2y;
        return z;
    }

    private const int RowsPerBlock = 64;

    /// <summary>Runs <paramref name="body"/> for every block of rows, in parallel unless the problem is small.</summary>
    private static void ForBlocks(int n, Action<int> body)
    {
        if ((long)n * n < 1 << 18)
        {
            for (int b = 0; b < Blocks(n); b++) body(b);
        }
        else
        {
            Parallel.For(0, Blocks(n), body);
        }
    }

    private static int Blocks(int n) => (n + RowsPerBlock - 1) / RowsPerBlock;

    private static (int From, int To) Block(int b, int n) => (b * RowsPerBlock, Math.Min(n, (b + 1) * RowsPerBlock));
}
