using Workbench.Retrieval;

namespace Workbench.Tests.Retrieval;

/// <summary>Plain-loop references the library is tested against.</summary>
internal static class BruteForce
{
    public static double[] Gaussian(int seed, int rows, int cols)
    {
        var random = new Random(seed);
        var data = new double[rows * cols];
        for (int i = 0; i < data.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            data[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return data;
    }

    /// <summary>Small integers in [−range, range]: exact in float32, so distances tie exactly.</summary>
    public static double[] SmallIntegers(int seed, int rows, int cols, int range = 2)
    {
        var random = new Random(seed);
        var data = new double[rows * cols];
        for (int i = 0; i < data.Length; i++) data[i] = random.Next(-range, range + 1);
        return data;
    }

    public static int[] Classes(int seed, int count, int classes)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
    }

    public static Tensor ToTensor(double[] data, int rows, int cols, ScalarType dtype) =>
        tensor(data, [rows, cols], ScalarType.Float64).to(dtype);

    /// <summary>Values as the tensor holds them (float32 rounding applied), widened to double.</summary>
    public static double[] AsStored(double[] data, ScalarType dtype) =>
        dtype == ScalarType.Float32 ? data.Select(v => (double)(float)v).ToArray() : data;

    public static double Score(double[] q, int qi, double[] db, int di, int dim, SearchMetric metric)
    {
        double dot = 0, qq = 0, dd = 0, sq = 0;
        for (int j = 0; j < dim; j++)
        {
            double a = q[qi * dim + j], b = db[di * dim + j];
            dot += a * b;
            qq += a * a;
            dd += b * b;
            sq += (a - b) * (a - b);
        }
        return metric switch
        {
            SearchMetric.Cosine => dot / (Math.Max(Math.Sqrt(qq), 1e-12) * Math.Max(Math.Sqrt(dd), 1e-12)),
            SearchMetric.InnerProduct => dot,
            SearchMetric.Euclidean => Math.Sqrt(sq),
            _ => sq,
        };
    }

    /// <summary>Every candidate of every query, sorted by score (best first) then ascending id.</summary>
    public static (int Id, double Score)[][] Rank(double[] q, int queries, double[] db, int items, int dim, SearchMetric metric, bool excludeSelf)
    {
        bool higher = metric is SearchMetric.Cosine or SearchMetric.InnerProduct;
        var result = new (int, double)[queries][];
        for (int i = 0; i < queries; i++)
        {
            var row = new List<(int Id, double Score)>();
            for (int j = 0; j < items; j++)
            {
                if (excludeSelf && i == j) continue;
                row.Add((j, Score(q, i, db, j, dim, metric)));
            }
            result[i] = (higher
                ? row.OrderByDescending(x => x.Score).ThenBy(x => x.Id)
                : row.OrderBy(x => x.Score).ThenBy(x => x.Id)).ToArray();
        }
        return result;
    }

    /// <summary>The reference's <c>gnd</c> row: relevance of every ranked item in ranked order.</summary>
    public static bool[] Gnd((int Id, double Score)[] ranked, Func<int, bool> relevant) => ranked.Select(x => relevant(x.Id)).ToArray();

    /// <summary>DeepHash-pytorch CalcTopMap / SPQ Evaluate_mAP for one query, restated as a loop.</summary>
    public static double AveragePrecision(bool[] gnd, int topK)
    {
        var tgnd = gnd.Take(topK).ToArray();
        int tsum = tgnd.Count(x => x);
        if (tsum == 0) return 0;
        double total = 0;
        int count = 0;
        for (int i = 0; i < tgnd.Length; i++)
        {
            if (!tgnd[i]) continue;
            count++;
            total += count / (i + 1.0);
        }
        return total / tsum;
    }
}
