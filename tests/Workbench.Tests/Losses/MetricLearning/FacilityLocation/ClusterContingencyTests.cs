using Workbench.Clustering;
using Workbench.Losses.MetricLearning.FacilityLocation;

namespace Workbench.Tests.Losses.MetricLearning.FacilityLocation;

public class ClusterContingencyTests
{
    [Theory]
    [InlineData(NmiNormalization.Geometric)]
    [InlineData(NmiNormalization.Arithmetic)]
    public void Incremental_nmi_matches_the_shared_formula_after_random_moves_and_trials(NmiNormalization normalization)
    {
        var random = new Random(17);
        var table = new ClusterContingency();
        for (int trial = 0; trial < 40; trial++)
        {
            int m = random.Next(1, 40), classes = random.Next(1, Math.Min(m, 6) + 1), clusters = random.Next(1, m + 1);
            var classOf = Enumerable.Range(0, m).Select(i => i < classes ? i : random.Next(classes)).ToArray();
            table.Reset(classOf, classOf.Select(c => (long)c).ToArray(), classes);
            var assign = new int[m];
            for (int i = 0; i < m; i++)
            {
                assign[i] = random.Next(clusters);
                table.Move(i, assign[i]);
            }
            for (int step = 0; step < 10; step++)
            {
                double expected = FacilityBrute.BruteNmi(assign, classOf, normalization);
                Assert.Equal(expected, table.Score(FacilityMarginType.Nmi, normalization, clusters), 12);
                if (assign.Distinct().Count() > 1 && classes > 1)
                {
                    // The shared formula on the same counts (single-cluster cases skipped: Nmi.FromCounts can
                    // return NaN there from rounding, reported to the integrator).
                    Assert.Equal(expected, table.ReferenceNmi(normalization, clusters), 12);
                }

                // A trial changes nothing afterwards.
                int moves = random.Next(0, m + 1);
                var items = Enumerable.Range(0, m).OrderBy(_ => random.Next()).Take(moves).ToArray();
                var targets = items.Select(_ => random.Next(clusters)).ToArray();
                var moved = (int[])assign.Clone();
                for (int k = 0; k < moves; k++) moved[items[k]] = targets[k];
                double trialScore = table.TrialScore(items, targets, new int[m], FacilityMarginType.Nmi, normalization, clusters);
                Assert.Equal(FacilityBrute.BruteNmi(moved, classOf, normalization), trialScore, 12);
                Assert.Equal(expected, table.Score(FacilityMarginType.Nmi, normalization, clusters), 12);

                bool same = Enumerable.Range(0, m).All(i => Enumerable.Range(0, m).All(j => (assign[i] == assign[j]) == (classOf[i] == classOf[j])));
                Assert.Equal(same ? 1.0 : 0.0, table.Score(FacilityMarginType.Const, normalization, clusters));
                Assert.Equal(assign.SequenceEqual(classOf) ? 1.0 : 0.0, table.Score(FacilityMarginType.ConstTfLiteral, normalization, clusters));

                int item = random.Next(m);
                assign[item] = random.Next(clusters);
                table.Move(item, assign[item]);
            }
        }
    }

    [Fact]
    public void Edge_cases_follow_the_shared_nmi()
    {
        var table = new ClusterContingency();
        // One cluster, two classes → 0; identical partitions → 1; one class, two clusters → 0; one class, one cluster → 1.
        Check([0, 0, 1, 1], [0, 0, 0, 0], 0.0);
        Check([0, 0, 1, 1], [1, 1, 0, 0], 1.0);
        Check([0, 0, 0, 0], [0, 1, 0, 1], 0.0);
        Check([0, 0, 0], [0, 0, 0], 1.0);
        Check([0, 1, 2, 3], [3, 2, 1, 0], 1.0);

        void Check(int[] classOf, int[] clusters, double expected)
        {
            table.Reset(classOf, classOf.Select(c => (long)c).ToArray(), classOf.Max() + 1);
            for (int i = 0; i < classOf.Length; i++) table.Move(i, clusters[i]);
            Assert.Equal(expected, table.Score(FacilityMarginType.Nmi, NmiNormalization.Geometric, clusters.Max() + 1), 12);
            Assert.Equal(FacilityBrute.BruteNmi(clusters, classOf), expected, 12);
        }
    }
}
