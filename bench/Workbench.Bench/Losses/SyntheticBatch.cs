namespace Workbench.Bench.Losses;

/// <summary>A reproducible batch of L2-normalised Gaussian clusters and its Euclidean distance matrix (float64).</summary>
internal static class SyntheticBatch
{
    public static (double[] Distances, long[] Labels) Create(int m, int classes, int dimension, double spread, int seed)
    {
        var random = new Random(seed);
        var centers = new double[classes, dimension];
        for (int c = 0; c < classes; c++) for (int k = 0; k < dimension; k++) centers[c, k] = Gaussian(random);
        var x = new double[m, dimension];
        var labels = new long[m];
        for (int i = 0; i < m; i++)
        {
            int c = i % classes;
            labels[i] = c;
            double norm = 0;
            for (int k = 0; k < dimension; k++)
            {
                x[i, k] = centers[c, k] + spread * Gaussian(random);
                norm += x[i, k] * x[i, k];
            }
            norm = Math.Sqrt(norm);
            for (int k = 0; k < dimension; k++) x[i, k] /= norm;
        }
        var d = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                if (i == j) continue;
                double s = 0;
                for (int k = 0; k < dimension; k++)
                {
                    double diff = x[i, k] - x[j, k];
                    s += diff * diff;
                }
                d[i * m + j] = Math.Sqrt(s);
            }
        }
        return (d, labels);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
