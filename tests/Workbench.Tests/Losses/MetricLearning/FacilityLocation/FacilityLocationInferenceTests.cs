using Workbench.Clustering;
using Workbench.Losses.MetricLearning.FacilityLocation;

namespace Workbench.Tests.Losses.MetricLearning.FacilityLocation;

public class FacilityLocationInferenceTests
{
    public static TheoryData<FacilityMarginType, NmiNormalization, double> Settings => new()
    {
        { FacilityMarginType.Nmi, NmiNormalization.Geometric, 0.0 },
        { FacilityMarginType.Nmi, NmiNormalization.Geometric, 0.7 },
        { FacilityMarginType.Nmi, NmiNormalization.Geometric, 4.0 },
        { FacilityMarginType.Nmi, NmiNormalization.Arithmetic, 2.0 },
        { FacilityMarginType.Const, NmiNormalization.Geometric, 1.5 },
        { FacilityMarginType.ConstTfLiteral, NmiNormalization.Geometric, 1.5 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Greedy_and_each_pam_sweep_pick_the_same_medoids_as_the_naive_algorithm(FacilityMarginType type, NmiNormalization normalization, double gamma)
    {
        var random = new Random(11);
        var inference = new FacilityLocationInference(new FacilityLocationOptions(type, normalization));
        for (int trial = 0; trial < 12; trial++)
        {
            int m = random.Next(5, 17), classes = random.Next(1, Math.Min(6, m) + 1);
            var (x, labels) = FacilityBrute.Points(random, m, classes, 3, separation: 1.0, noise: 0.8);
            if (type == FacilityMarginType.ConstTfLiteral) labels = labels.Select(l => (l - 3) / 7).ToArray(); // ids 0…K−1 so the literal test can hit
            var d = FacilityBrute.Distances(x);

            inference.Load(d, labels, gamma);
            inference.RunGreedy();
            var expected = FacilityBrute.Greedy(d, m, labels, gamma, type, normalization);
            Assert.Equal(expected, inference.Medoids.ToArray());
            Assert.Equal(FacilityBrute.Assign(d, m, expected), inference.Assignment.ToArray());
            Assert.Equal(FacilityBrute.Augmented(d, m, labels, expected, gamma, type, normalization), inference.AugmentedScore, 12);

            for (int sweep = 0; sweep < 5; sweep++)
            {
                expected = FacilityBrute.PamSweep(d, m, labels, expected, gamma, type, normalization);
                inference.RunPamSweep();
                Assert.Equal(expected, inference.Medoids.ToArray());
                Assert.Equal(FacilityBrute.Assign(d, m, expected), inference.Assignment.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(FacilityMarginType.Nmi, 0.0)]
    [InlineData(FacilityMarginType.Const, 1.5)]
    [InlineData(FacilityMarginType.ConstTfLiteral, 1.5)]
    public void Ties_on_an_integer_grid_break_towards_the_first_index_like_the_naive_algorithm(FacilityMarginType type, double gamma)
    {
        // Integer coordinates give many exactly equal distances and scores.
        var random = new Random(23);
        var inference = new FacilityLocationInference(new FacilityLocationOptions(type));
        for (int trial = 0; trial < 15; trial++)
        {
            int m = random.Next(5, 14), classes = random.Next(1, Math.Min(5, m) + 1);
            var x = new double[m, 2];
            for (int i = 0; i < m; i++) { x[i, 0] = random.Next(4); x[i, 1] = random.Next(3); }
            var labels = Enumerable.Range(0, m).Select(i => (long)(i < classes ? i : random.Next(classes))).ToArray();
            var d = FacilityBrute.Distances(x);
            inference.Load(d, labels, gamma);
            inference.RunGreedy();
            var expected = FacilityBrute.Greedy(d, m, labels, gamma, type, NmiNormalization.Geometric);
            Assert.Equal(expected, inference.Medoids.ToArray());
            for (int sweep = 0; sweep < 5; sweep++)
            {
                expected = FacilityBrute.PamSweep(d, m, labels, expected, gamma, type, NmiNormalization.Geometric);
                inference.RunPamSweep();
                Assert.Equal(expected, inference.Medoids.ToArray());
                Assert.Equal(FacilityBrute.Assign(d, m, expected), inference.Assignment.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(FacilityMarginType.Nmi, NmiNormalization.Geometric)]
    [InlineData(FacilityMarginType.Nmi, NmiNormalization.Arithmetic)]
    [InlineData(FacilityMarginType.Const, NmiNormalization.Geometric)]
    [InlineData(FacilityMarginType.ConstTfLiteral, NmiNormalization.Geometric)]
    public void Every_candidate_score_matches_the_naive_score_on_tie_heavy_data(FacilityMarginType type, NmiNormalization normalization)
    {
        // Scores of all greedy candidates and all PAM swap candidates, step by step, against scoring
        // each tentative medoid set from scratch (this checks the incremental moves, including which
        // medoid an item joins on distance ties).
        var random = new Random(29);
        var inference = new FacilityLocationInference(new FacilityLocationOptions(type, normalization));
        for (int trial = 0; trial < 12; trial++)
        {
            int m = random.Next(5, 14), classes = random.Next(1, Math.Min(5, m) + 1);
            var x = new double[m, 2];
            for (int i = 0; i < m; i++) { x[i, 0] = random.Next(4); x[i, 1] = random.Next(3); }
            var labels = Enumerable.Range(0, m).Select(i => (long)(i < classes ? i : random.Next(classes))).ToArray();
            var d = FacilityBrute.Distances(x);
            double gamma = 0.5 + 3 * random.NextDouble();
            inference.Load(d, labels, gamma);
            var scores = new double[m];
            for (int step = 0; step < classes; step++)
            {
                var s = inference.Medoids.ToArray().ToList();
                inference.ScoreGreedyCandidates(scores);
                for (int c = 0; c < m; c++)
                {
                    if (s.Contains(c)) Assert.Equal(double.NegativeInfinity, scores[c]);
                    else Assert.Equal(FacilityBrute.Augmented(d, m, labels, [.. s, c], gamma, type, normalization), scores[c], 12);
                }
                inference.GreedyStep();
            }
            for (int sweep = 0; sweep < 2; sweep++)
            {
                inference.BeginPamSweep();
                var start = FacilityBrute.Assign(d, m, inference.Medoids.ToArray());
                for (int t = 0; t < classes; t++)
                {
                    var members = inference.SweepMembers(t).ToArray();
                    Assert.Equal(Enumerable.Range(0, m).Where(i => start[i] == t), members);
                    inference.ScoreSwapCandidates(t, scores);
                    var s = inference.Medoids.ToArray();
                    for (int k = 0; k < members.Length; k++)
                    {
                        var trialSet = (int[])s.Clone();
                        trialSet[t] = members[k];
                        double expected = -members.Sum(i => d[i * m + members[k]])
                            + gamma * (1 - FacilityBrute.Score(d, m, labels, trialSet, type, normalization));
                        Assert.Equal(expected, scores[k], 12);
                    }
                    inference.PamStep(t);
                }
            }
        }
    }

    [Fact]
    public void Equal_candidates_resolve_to_the_lowest_index()
    {
        // Two items at the same place, one class: both candidates score the same; the first wins.
        var d = FacilityBrute.Distances(new double[,] { { 5 }, { 0 }, { 0 }, { 5 } });
        var solution = new FacilityLocationInference().Solve(d, [1, 1, 1, 1], 1.0);
        Assert.Equal([0], solution.Medoids);
        var labels = new long[] { 1, 2, 2, 1 };
        solution = new FacilityLocationInference().Solve(d, labels, 0.0);
        Assert.Equal([0, 1], solution.Medoids);
        Assert.Equal([0, 1, 1, 0], solution.Assignment);
    }

    [Fact]
    public void Pam_never_lowers_the_augmented_score()
    {
        var random = new Random(5);
        var inference = new FacilityLocationInference();
        for (int trial = 0; trial < 40; trial++)
        {
            int m = random.Next(8, 40), classes = random.Next(2, 9);
            var (x, labels) = FacilityBrute.Points(random, m, classes, 4, separation: 1.0, noise: 1.0);
            var d = FacilityBrute.Distances(x);
            double gamma = random.NextDouble() * 6;
            inference.Load(d, labels, gamma);
            // Start PAM from the greedy solution and from a poor random set.
            for (int start = 0; start < 2; start++)
            {
                if (start == 0) inference.RunGreedy();
                else inference.SetMedoids(Enumerable.Range(0, m).OrderBy(_ => random.Next()).Take(labels.Distinct().Count()).ToArray());
                double before = inference.AugmentedScore;
                for (int sweep = 0; sweep < 5; sweep++)
                {
                    inference.RunPamSweep();
                    double after = inference.AugmentedScore;
                    Assert.True(after >= before - 1e-9, $"trial {trial}: PAM sweep {sweep} lowered the score {before} → {after}");
                    Assert.Equal(FacilityBrute.Augmented(d, m, labels, inference.Medoids.ToArray(), gamma), after, 9);
                    before = after;
                }
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void On_tiny_well_separated_batches_greedy_and_pam_reach_the_exhaustive_optimum(double gamma)
    {
        var random = new Random(3);
        var inference = new FacilityLocationInference();
        for (int trial = 0; trial < 25; trial++)
        {
            int m = random.Next(4, 9), classes = random.Next(1, Math.Min(4, m) + 1);
            var (x, labels) = FacilityBrute.Points(random, m, classes, 2, separation: 10.0, noise: 0.3);
            var d = FacilityBrute.Distances(x);
            var solution = inference.Solve(d, labels, gamma);
            double optimum = FacilityBrute.ExhaustiveMax(d, m, labels, gamma);
            double reached = FacilityBrute.Augmented(d, m, labels, solution.Medoids, gamma);
            Assert.Equal(reached, solution.AugmentedScore, 10);
            Assert.Equal(optimum, reached, 9);
        }
    }

    [Fact]
    public void On_tiny_random_batches_the_result_never_exceeds_the_exhaustive_optimum()
    {
        var random = new Random(9);
        var inference = new FacilityLocationInference();
        int reachedOptimum = 0;
        for (int trial = 0; trial < 40; trial++)
        {
            int m = random.Next(4, 9), classes = random.Next(2, Math.Min(4, m) + 1);
            var (x, labels) = FacilityBrute.Points(random, m, classes, 2, separation: 1.0, noise: 1.5);
            var d = FacilityBrute.Distances(x);
            double gamma = random.NextDouble() * 5;
            var solution = inference.Solve(d, labels, gamma);
            double optimum = FacilityBrute.ExhaustiveMax(d, m, labels, gamma);
            double reached = FacilityBrute.Augmented(d, m, labels, solution.Medoids, gamma);
            Assert.Equal(reached, solution.AugmentedScore, 10);
            Assert.True(reached <= optimum + 1e-12);
            Assert.True(solution.AugmentedScore >= solution.GreedyAugmentedScore - 1e-9);
            if (reached >= optimum - 1e-9) reachedOptimum++;
        }
        Assert.True(reachedOptimum > 20, $"greedy + PAM reached the optimum in only {reachedOptimum} of 40 random batches");
    }

    [Fact]
    public void A_single_class_batch_has_nmi_one_and_the_best_single_medoid()
    {
        var random = new Random(1);
        var (x, _) = FacilityBrute.Points(random, 7, 1, 3, 1.0, 1.0);
        var d = FacilityBrute.Distances(x);
        var labels = Enumerable.Repeat(42L, 7).ToArray();
        var solution = new FacilityLocationInference().Solve(d, labels, 3.0);
        Assert.Single(solution.Medoids);
        Assert.Equal(1.0, solution.ClusteringScore);
        var (_, oracle) = FacilityLocationOracle.Solve(d, labels);
        Assert.Equal(oracle, solution.FacilityScore, 12);
    }

    [Fact]
    public void One_cluster_against_several_classes_has_nmi_zero()
    {
        var d = FacilityBrute.Distances(new double[,] { { 0 }, { 1 }, { 2 }, { 3 } });
        var inference = new FacilityLocationInference();
        inference.Load(d, [1, 1, 2, 2], gamma: 1.0);
        inference.SetMedoids([1]);
        Assert.Equal(0.0, inference.ClusteringScore);
        Assert.Equal(-(1 + 0 + 1 + 2), inference.FacilityScore);
        Assert.Equal(-4 + 1.0, inference.AugmentedScore);
    }

    [Fact]
    public void All_singleton_classes_take_every_item_as_medoid_with_nmi_one()
    {
        var random = new Random(2);
        var (x, _) = FacilityBrute.Points(random, 6, 6, 2, 1.0, 0.5);
        var d = FacilityBrute.Distances(x);
        long[] labels = [5, 4, 3, 2, 1, 0];
        var solution = new FacilityLocationInference().Solve(d, labels, 2.0);
        Assert.Equal([0, 1, 2, 3, 4, 5], solution.Medoids.Order().ToArray());
        Assert.Equal(0.0, solution.FacilityScore);
        Assert.Equal(1.0, solution.ClusteringScore, 12);
        Assert.Equal(0.0, FacilityLocationOracle.Solve(d, labels).Score);
    }

    [Fact]
    public void Oracle_takes_the_best_medoid_per_class_and_singletons_add_zero()
    {
        // Class 7: items 0, 1, 2 on a line at 0, 1, 3 → best medoid 1 (sum 1 + 2 = 3); class 9: item 3 alone.
        var d = FacilityBrute.Distances(new double[,] { { 0 }, { 1 }, { 3 }, { 100 } });
        var (medoidOf, score) = FacilityLocationOracle.Solve(d, [7, 7, 7, 9]);
        Assert.Equal([1, 1, 1, 3], medoidOf);
        Assert.Equal(-3.0, score);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_clear_message()
    {
        var inference = new FacilityLocationInference();
        var e = Assert.Throws<ArgumentException>(() => inference.Load(new double[5], [1, 2], 1.0));
        Assert.Contains("2x2", e.Message);
        e = Assert.Throws<ArgumentException>(() => inference.Load([0, double.NaN, 1, 0], [1, 2], 1.0));
        Assert.Contains("diverge", e.Message);
        e = Assert.Throws<ArgumentException>(() => inference.Load([0.5, 1, 1, 0], [1, 2], 1.0));
        Assert.Contains("diagonal", e.Message);
        Assert.Throws<ArgumentException>(() => inference.Load([0, 1, 1, 0], [1, 2], -1.0));
        Assert.Throws<InvalidOperationException>(() => new FacilityLocationInference().RunGreedy());
        Assert.Throws<ArgumentException>(() => new FacilityLocationInference(new FacilityLocationOptions(PamSweeps: -1)));
    }
}
