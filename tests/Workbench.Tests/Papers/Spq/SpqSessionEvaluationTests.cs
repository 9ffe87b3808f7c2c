using Workbench.Experiments;
using Workbench.Papers.Spq;
using Workbench.Papers.Spq.Evaluation;
using Workbench.Training.Checkpoints;
using Workbench.Training.Sessions;

namespace Workbench.Tests.Papers.Spq;

/// <summary>The method's own evaluation (images → descriptors → codes → ADC ranking → mAP) against a brute-force loop over the same model.</summary>
public sealed class SpqSessionEvaluationTests
{
    [Theory]
    [InlineData(SpqVariants.Seed, false)]     // squared sub-distances
    [InlineData(SpqVariants.Official, true)]  // Euclidean (non-squared) sub-distances
    public void EvaluationEqualsBruteForceMap(string variant, bool euclidean)
    {
        var config = SpqTestConfigs.Tiny(variant);
        using var streams = new RandomStreams(3);
        using var session = new SpqSession(config, new SessionContext(CPU, streams));
        session.Model.eval();
        var result = session.EvaluateRetrieval(mapAll: true);

        using var noGrad = no_grad();
        var model = session.Network;
        // Same descriptors as the session (same batches), then everything else by hand in float64.
        var db = DescriptorEncoder.Encode(model.Descriptor, session.Data.Database, config.EvaluationBatchSize).to(ScalarType.Float64);
        var q = DescriptorEncoder.Encode(model.Descriptor, session.Data.Queries, config.EvaluationBatchSize).to(ScalarType.Float64);
        int m = config.Codebooks, d = config.CodewordDimension, k = config.Codewords;
        var books = model.Head.Codebook.detach().to(ScalarType.Float64).reshape(k, m, d); // [K, M, d]
        int n = (int)db.shape[0], nq = (int)q.shape[0];
        var codes = new int[n, m];
        for (int i = 0; i < n; i++)
        {
            for (int s = 0; s < m; s++)
            {
                codes[i, s] = (int)(db[i].reshape(m, d)[s] - books[.., s, ..]).square().sum(1).argmin().item<long>();
            }
        }
        var dbLabels = session.Data.Database.Labels;
        var qLabels = session.Data.Queries.Labels;
        double sumK = 0, sumAll = 0;
        for (int a = 0; a < nq; a++)
        {
            var table = (q[a].reshape(1, m, d) - books).square().sum(2); // [K, M]
            if (euclidean) table = table.sqrt();
            var t = table.data<double>().ToArray();
            var distances = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, m).Sum(s => t[codes[i, s] * m + s])).ToArray();
            var order = Enumerable.Range(0, n).OrderBy(i => distances[i]).ThenBy(i => i).Select(i => dbLabels[i] == qLabels[a]).ToArray();
            sumK += Ap(order.Take(config.TopK).ToArray());
            sumAll += Ap(order);
        }
        Assert.Equal(sumK / nq, result.Metrics[$"mAP@{config.TopK}"], 5);
        Assert.Equal(sumAll / nq, result.Metrics["mAP@all"], 5);
    }

    private static double Ap(bool[] relevant) => Workbench.Tests.Metrics.BruteForceAp.Of(relevant);
}
