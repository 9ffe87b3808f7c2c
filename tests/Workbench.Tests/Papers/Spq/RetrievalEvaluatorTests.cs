using Workbench.Models.Heads;
using Workbench.Papers.Spq.Evaluation;
using Workbench.Retrieval;

namespace Workbench.Tests.Papers.Spq;

/// <summary>SPQ's evaluation (PQ index + retrieval core) against a brute-force loop written here.</summary>
public sealed class RetrievalEvaluatorTests
{
    private const int M = 4, K = 16, D = 8;

    [Theory]
    [InlineData(PqSubDistance.Squared, 7)]
    [InlineData(PqSubDistance.Euclidean, 7)]
    [InlineData(PqSubDistance.Squared, 500)]
    [InlineData(PqSubDistance.Euclidean, 1)]
    public void MapEqualsBruteForce(PqSubDistance subDistance, int topK)
    {
        var (head, database, queries, dbLabels, queryLabels) = Case(seed: 3);
        var index = SpqIndexing.Build(head, database, subDistance);
        var result = RetrievalEvaluator.Evaluate(SpqIndexing.Searcher(index, SpqIndexing.ToArray(queries)), queryLabels, dbLabels, topK, mapAll: true);

        var codebook = head.Codebook.detach().to(ScalarType.Float64).data<double>().ToArray(); // [K, M·D]
        var db = database.to(ScalarType.Float64).data<double>().ToArray();
        var q = queries.to(ScalarType.Float64).data<double>().ToArray();
        int n = dbLabels.Length, nq = queryLabels.Length;
        var codes = new int[n, M];
        for (int i = 0; i < n; i++)
        {
            for (int m = 0; m < M; m++)
            {
                double best = double.MaxValue;
                for (int k = 0; k < K; k++)
                {
                    double s = 0;
                    for (int j = 0; j < D; j++) s += Math.Pow(db[i * M * D + m * D + j] - codebook[k * M * D + m * D + j], 2);
                    if (s < best) { best = s; codes[i, m] = k; }
                }
            }
        }
        double sumK = 0, sumAll = 0;
        for (int a = 0; a < nq; a++)
        {
            var distances = new double[n];
            for (int i = 0; i < n; i++)
            {
                for (int m = 0; m < M; m++)
                {
                    double s = 0;
                    for (int j = 0; j < D; j++) s += Math.Pow(q[a * M * D + m * D + j] - codebook[codes[i, m] * M * D + m * D + j], 2);
                    distances[i] += subDistance == PqSubDistance.Squared ? s : Math.Sqrt(s);
                }
            }
            var order = Enumerable.Range(0, n).OrderBy(i => distances[i]).ThenBy(i => i).ToArray();
            double apK = Ap(order.Take(Math.Min(topK, n)).Select(i => dbLabels[i] == queryLabels[a]).ToArray());
            double apAll = Ap(order.Select(i => dbLabels[i] == queryLabels[a]).ToArray());
            Assert.Equal(apK, (double)result.PerQuery.Rows[a][5]!, 12);
            Assert.Equal(apAll, (double)result.PerQuery.Rows[a][6]!, 12);
            sumK += apK;
            sumAll += apAll;
        }
        Assert.Equal(sumK / nq, result.Metrics[$"mAP@{topK}"], 12);
        Assert.Equal(sumAll / nq, result.Metrics["mAP@all"], 12);
    }

    [Fact]
    public void QueriesWithoutARelevantItemCountZero()
    {
        var (head, database, queries, dbLabels, queryLabels) = Case(seed: 5);
        queryLabels[0] = 99; // a class the database does not have
        var index = SpqIndexing.Build(head, database, PqSubDistance.Squared);
        var result = RetrievalEvaluator.Evaluate(SpqIndexing.Searcher(index, SpqIndexing.ToArray(queries)), queryLabels, dbLabels, 10, mapAll: true);
        Assert.Equal(["query", "label", "relevant", "first_hit", "top", "mAP@10", "mAP@all"], result.PerQuery.Columns);
        Assert.Equal(0, result.PerQuery.Rows[0][2]);        // no relevant item in the database
        Assert.Null(result.PerQuery.Rows[0][3]);            // so no first hit
        Assert.Equal(0.0, (double)result.PerQuery.Rows[0][5]!);
        Assert.Equal(0.0, (double)result.PerQuery.Rows[0][6]!);
        Assert.Equal(result.MapAtK.PerQuery.Average(), result.Metrics["mAP@10"], 12);
    }

    [Fact]
    public void MapAllOverASubsetAveragesOnlyThoseQueries()
    {
        var (head, database, queries, dbLabels, queryLabels) = Case(seed: 7);
        var index = SpqIndexing.Build(head, database, PqSubDistance.Squared);
        var search = SpqIndexing.Searcher(index, SpqIndexing.ToArray(queries));
        var full = RetrievalEvaluator.MapAll(search, queryLabels, dbLabels);
        var subset = RetrievalEvaluator.MapAll(search, queryLabels, dbLabels, [1, 4, 6]);
        Assert.Equal((full.PerQuery[1] + full.PerQuery[4] + full.PerQuery[6]) / 3, subset.Value, 12);
        Assert.True(double.IsNaN(subset.PerQuery[0]));
    }

    [Fact]
    public void TiesAreBrokenByDatabaseId()
    {
        // Three database items with identical codes are at identical distances: ranked 0, 1, 2.
        var head = new SoftQuantizationHead(new SoftQuantizationOptions { InputDimension = 4, Codebooks = M, Codewords = K, CodewordDimension = D }, generator: new Generator(1));
        var item = head.Codebook.detach()[3].unsqueeze(0);
        var database = cat([item, item, item]);
        var index = SpqIndexing.Build(head, database, PqSubDistance.Euclidean);
        var hits = index.Search(randn(1, M * D, generator: new Generator(2)), 3);
        Assert.Equal([0, 1, 2], hits.IdsOf(0).ToArray());
    }

    private static double Ap(bool[] relevant) => Workbench.Tests.Metrics.BruteForceAp.Of(relevant);

    private static (SoftQuantizationHead Head, Tensor Database, Tensor Queries, int[] DbLabels, int[] QueryLabels) Case(int seed)
    {
        var g = new Generator((ulong)seed);
        var head = new SoftQuantizationHead(new SoftQuantizationOptions { InputDimension = 4, Codebooks = M, Codewords = K, CodewordDimension = D }, generator: g);
        var database = randn(60, M * D, generator: g);
        var queries = randn(9, M * D, generator: g);
        var rng = new Random(seed);
        return (head, database, queries, Enumerable.Range(0, 60).Select(_ => rng.Next(4)).ToArray(), Enumerable.Range(0, 9).Select(_ => rng.Next(4)).ToArray());
    }
}
