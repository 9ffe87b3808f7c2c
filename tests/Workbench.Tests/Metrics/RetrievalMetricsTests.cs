using Workbench.Metrics;
using Workbench.Retrieval;
using Workbench.Tests.Retrieval;

namespace Workbench.Tests.Metrics;

public class RetrievalMetricsTests
{
    private const int Queries = 25, Items = 90, Dim = 6, Classes = 7;

    private sealed record Fixture(RankingResult Ranking, (int Id, double Score)[][] Reference, Func<int, int, bool> Relevant, int[] Totals);

    /// <summary>A random problem ranked by the library and by the brute-force loop.</summary>
    private static Fixture Build(ScalarType dtype, SearchMetric metric, bool multiLabel, bool excludeSelf, int? depth)
    {
        int queries = excludeSelf ? Items : Queries;
        double[] qRaw = excludeSelf ? BruteForce.Gaussian(5, Items, Dim) : BruteForce.Gaussian(4, queries, Dim);
        double[] dbRaw = BruteForce.Gaussian(5, Items, Dim);
        using var q = BruteForce.ToTensor(qRaw, queries, Dim, dtype);
        using var db = BruteForce.ToTensor(dbRaw, Items, Dim, dtype);
        Relevance relevance;
        Func<int, int, bool> relevant;
        if (multiLabel)
        {
            var random = new Random(6);
            var ql = new bool[queries, Classes];
            var dl = new bool[Items, Classes];
            for (int i = 0; i < queries; i++) for (int c = 0; c < Classes; c++) ql[i, c] = random.NextDouble() < 0.2;
            for (int i = 0; i < Items; i++) for (int c = 0; c < Classes; c++) dl[i, c] = random.NextDouble() < 0.2;
            if (excludeSelf) dl = ql;
            relevance = Relevance.SharedLabel(ql, dl);
            relevant = (a, b) => Enumerable.Range(0, Classes).Any(c => ql[a, c] && dl[b, c]);
        }
        else
        {
            int[] dbc = BruteForce.Classes(7, Items, Classes);
            int[] qc = excludeSelf ? dbc : BruteForce.Classes(8, queries, Classes);
            relevance = Relevance.SameClass(qc, dbc);
            relevant = (a, b) => qc[a] == dbc[b];
        }
        var ranking = RankingResult.FromEmbeddings(q, db, relevance, depth, metric, excludeSelf);
        var s = BruteForce.AsStored;
        var reference = BruteForce.Rank(s(qRaw, dtype), queries, s(dbRaw, dtype), Items, Dim, metric, excludeSelf);
        int[] totals = Enumerable.Range(0, queries).Select(a => reference[a].Count(x => relevant(a, x.Id))).ToArray();
        return new Fixture(ranking, reference, relevant, totals);
    }

    public static TheoryData<ScalarType, SearchMetric, bool, bool> Cases()
    {
        var data = new TheoryData<ScalarType, SearchMetric, bool, bool>();
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
            foreach (var metric in new[] { SearchMetric.Cosine, SearchMetric.Euclidean })
                foreach (bool multi in new[] { false, true })
                    foreach (bool exclude in new[] { false, true })
                        data.Add(dtype, metric, multi, exclude);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_metric_matches_its_brute_force_loop(ScalarType dtype, SearchMetric metric, bool multiLabel, bool excludeSelf)
    {
        var f = Build(dtype, metric, multiLabel, excludeSelf, depth: null);
        int queries = f.Reference.Length;
        bool[][] gnd = Enumerable.Range(0, queries).Select(a => BruteForce.Gnd(f.Reference[a], id => f.Relevant(a, id))).ToArray();

        foreach (int k in new[] { 1, 5, 15, 40, Items, 500 })
        {
            // mAP@K: CalcTopMap restated.
            double[] ap = gnd.Select(g => BruteForce.AveragePrecision(g, k)).ToArray();
            MetricValue map = MeanAveragePrecision.AtK(f.Ranking, k);
            Assert.Equal(ap.Average(), map.Value, 12);
            for (int a = 0; a < queries; a++) Assert.Equal(ap[a], map.PerQuery[a], 12);

            // Plain P@K: hits in gnd[:k] divided by k.
            double[] p = gnd.Select(g => g.Take(k).Count(x => x) / (double)k).ToArray();
            MetricValue pk = PrecisionAtK.Mean(f.Ranking, k);
            Assert.Equal(p.Average(), pk.Value, 12);
            Assert.Equal(p, pk.PerQuery);

            // UCDIR's retrieval_precision_cal: temp_total = min(k, class size); micro-average.
            long positive = 0, total = 0;
            for (int a = 0; a < queries; a++)
            {
                int tempTotal = Math.Min(k, f.Totals[a]);
                total += tempTotal;
                positive += gnd[a].Take(tempTotal).Count(x => x);
            }
            Assert.Equal(total == 0 ? 0 : (double)positive / total, PrecisionAtK.CappedMicro(f.Ranking, k).Value, 12);

            // Recall@K: any relevant among the k nearest other items.
            double[] recall = gnd.Select(g => g.Take(k).Any(x => x) ? 1.0 : 0.0).ToArray();
            Assert.Equal(recall, RecallAtK.Compute(f.Ranking, k).PerQuery);
        }

        double[] all = gnd.Select(g => BruteForce.AveragePrecision(g, g.Length)).ToArray();
        Assert.Equal(all.Average(), MeanAveragePrecision.AtAll(f.Ranking).Value, 12);

        // pr_curve restated: queries without relevant items contribute 0 to both means.
        int[] cutoffs = [1, 3, 10, 50, Items + 10];
        var curve = PrecisionRecallCurve.Compute(f.Ranking, cutoffs);
        for (int i = 0; i < cutoffs.Length; i++)
        {
            double ps = 0, rs = 0;
            for (int a = 0; a < queries; a++)
            {
                int all_ = gnd[a].Count(x => x);
                if (all_ == 0) continue;
                int hits = gnd[a].Take(cutoffs[i]).Count(x => x);
                ps += hits / (double)cutoffs[i];
                rs += hits / (double)all_;
            }
            Assert.Equal(ps / queries, curve.Precision[i], 12);
            Assert.Equal(rs / queries, curve.Recall[i], 12);
        }
    }

    [Fact]
    public void A_top_k_ranking_gives_the_same_metrics_as_a_complete_one_up_to_its_depth()
    {
        var full = Build(ScalarType.Float32, SearchMetric.Cosine, false, false, depth: null).Ranking;
        var top = Build(ScalarType.Float32, SearchMetric.Cosine, false, false, depth: 20).Ranking;
        Assert.Equal(MeanAveragePrecision.AtK(full, 20).PerQuery, MeanAveragePrecision.AtK(top, 20).PerQuery);
        Assert.Equal(PrecisionAtK.CappedMicro(full, 15).Value, PrecisionAtK.CappedMicro(top, 15).Value);
        Assert.Throws<InvalidOperationException>(() => MeanAveragePrecision.AtK(top, 21));
        Assert.Throws<InvalidOperationException>(() => MeanAveragePrecision.AtAll(top));
    }

    /// <summary>One query per row of <paramref name="relevance"/>, ranked in the given order (ids 0..n−1).</summary>
    private static RankingResult Hand(bool[][] relevance, int[] totals, bool complete)
    {
        int q = relevance.Length, depth = relevance[0].Length;
        int items = complete ? depth : depth + 10;
        var ids = new int[q * depth];
        var scores = new float[q * depth];
        // Query a is relevant to item i when relevance[a][i]; the extra unranked items supply the totals.
        var rel = new bool[q, 1 + items];
        for (int a = 0; a < q; a++)
        {
            for (int i = 0; i < depth; i++)
            {
                ids[a * depth + i] = i;
                scores[a * depth + i] = -i;
                rel[a, i] = relevance[a][i];
            }
            for (int extra = relevance[a].Count(x => x); extra < totals[a]; extra++) rel[a, depth + extra - relevance[a].Count(x => x)] = true;
        }
        var qLabels = new bool[q, q * (1 + items)];
        var dLabels = new bool[items, q * (1 + items)];
        for (int a = 0; a < q; a++)
        {
            qLabels[a, a] = true;
            for (int i = 0; i < items; i++) if (rel[a, i]) dLabels[i, a] = true;
        }
        var hits = new SearchHits(q, depth, items, ids, scores, higherIsBetter: true, excludesSelf: false);
        return RankingResult.FromHits(hits, Relevance.SharedLabel(qLabels, dLabels));
    }

    [Fact]
    public void Hand_computed_values_including_no_relevant_item()
    {
        // Query 0: relevant at ranks 1, 3 (and 1 more relevant item below the stored depth).
        // Query 1: nothing relevant anywhere.  Query 2: relevant at ranks 2, 3, 5.
        bool[][] rel =
        [
            [true, false, true, false, false],
            [false, false, false, false, false],
            [false, true, true, false, true],
        ];
        var r = Hand(rel, totals: [3, 0, 3], complete: false);

        var map5 = MeanAveragePrecision.AtK(r, 5);
        Assert.Equal((1 + 2.0 / 3) / 2, map5.PerQuery[0], 14);
        Assert.Equal(0, map5.PerQuery[1]);
        Assert.Equal((1 / 2.0 + 2 / 3.0 + 3 / 5.0) / 3, map5.PerQuery[2], 14);
        Assert.Equal((map5.PerQuery[0] + map5.PerQuery[2]) / 3, map5.Value, 14);
        Assert.Equal(1.0 / 3, MeanAveragePrecision.AtK(r, 1).Value, 14);

        Assert.Equal((2 + 0 + 2) / 9.0, PrecisionAtK.Mean(r, 3).Value, 14);
        // Capped: K_q = min(3, R_q) = 3, 0, 3 → (2 + 2) / 6.
        Assert.Equal(4 / 6.0, PrecisionAtK.CappedMicro(r, 3).Value, 14);
        // K = 1: K_q = 1, 0, 1 → (1 + 0) / 2.
        Assert.Equal(0.5, PrecisionAtK.CappedMicro(r, 1).Value, 14);
        Assert.Equal([1.0, 0, 0], RecallAtK.Compute(r, 1).PerQuery);
        Assert.Equal([1.0, 0, 1], RecallAtK.Compute(r, 2).PerQuery);

        var curve = PrecisionRecallCurve.Compute(r, [1, 5]);
        Assert.Equal((1 + 0.0) / 3, curve.Precision[0], 14);
        Assert.Equal((1 / 3.0 + 0) / 3, curve.Recall[0], 14);
        Assert.Equal((2 / 5.0 + 3 / 5.0) / 3, curve.Precision[1], 14);
        Assert.Equal((2 / 3.0 + 3 / 3.0) / 3, curve.Recall[1], 14);
    }

    [Fact]
    public void K_larger_than_the_database_reads_the_whole_ranking()
    {
        bool[][] rel = [[false, true, false, true]];
        var r = Hand(rel, totals: [2], complete: true);
        Assert.True(r.IsComplete);
        Assert.Equal((1 / 2.0 + 2 / 4.0) / 2, MeanAveragePrecision.AtK(r, 100).Value, 14);
        Assert.Equal(MeanAveragePrecision.AtAll(r).Value, MeanAveragePrecision.AtK(r, 100).Value, 14);
        Assert.Equal(2 / 10.0, PrecisionAtK.Mean(r, 10).Value, 14);
        Assert.Equal(1.0 / 2, PrecisionAtK.CappedMicro(r, 10).Value, 14); // K_q = 2: one hit in the top 2
        Assert.Equal(1.0, RecallAtK.Compute(r, 10).Value);
    }

    [Fact]
    public void Ties_are_ranked_by_database_id_and_metrics_follow_that_order()
    {
        // Query at the origin; items 0..3 at distance 1 (tied), item 4 at distance 0.5.
        // Ranking: 4, 0, 1, 2, 3. Relevant: items 3 and 4 → ranks 1 and 5.
        double[,] db = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 }, { 0.5, 0 } };
        using var items = tensor(db);
        using var origin = zeros(1, 2, ScalarType.Float64);
        var r = RankingResult.FromEmbeddings(origin, items, Relevance.SameClass([1], [0, 0, 0, 1, 1]), metric: SearchMetric.Euclidean);
        Assert.Equal([4, 0, 1, 2, 3], r.IdsOf(0).ToArray());
        Assert.Equal([1, 5], r.RelevantRanks(0));
        Assert.Equal((1 + 2 / 5.0) / 2, MeanAveragePrecision.AtAll(r).Value, 14);
    }

    [Fact]
    public void Self_exclusion_removes_the_query_from_ranks_and_totals()
    {
        // Three points of class 0 on a line, one of class 1 far away.
        double[,] x = { { 0 }, { 1 }, { 3 }, { 100 } };
        using var t = tensor(x);
        int[] labels = [0, 0, 0, 1];
        var r = RankingResult.FromEmbeddings(t, t, Relevance.SameClass(labels, labels), metric: SearchMetric.Euclidean, excludeSelf: true);
        Assert.Equal(3, r.CandidateCount);
        Assert.Equal([1, 2, 3], r.IdsOf(0).ToArray());
        Assert.Equal(2, r.RelevantTotal(0));
        Assert.Equal(0, r.RelevantTotal(3)); // a singleton class has nothing to find
        Assert.Equal([1.0, 1, 1, 0], RecallAtK.Compute(r, 1).PerQuery);
        Assert.Equal(0.75, RecallAtK.Compute(r, 1).Value);
    }
}
