using Workbench.Clustering;
using Workbench.Losses.Ucdir;
using static Workbench.Tests.Losses.Ucdir.UcdirTestData;

namespace Workbench.Tests.Losses.Ucdir;

public class SeedLossTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Cluster_wise_and_self_entropy_match_brute_force(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var rng = new Random(11);
        var z = Rows(rng, 9, 5, normalize: false);
        var c = Rows(rng, 4, 5, normalize: false);
        double tau = 0.1, cwSum = 0, seSum = 0;
        foreach (var zi in z)
        {
            var logits = c.Select(cj => Cos(zi, cj) / tau).ToArray();
            int y = Array.IndexOf(logits, logits.Max());
            cwSum += LogSumExp(logits) - logits[y];
            seSum += Entropy(Softmax(logits));
        }
        var zt = T(z, dtype);
        var ct = T(c, dtype);
        Close(cwSum, SeedClusterWiseLoss.Compute(zt, ct, tau), dtype);
        Close(cwSum / 9, SeedClusterWiseLoss.Compute(zt, ct, tau, UcdirReduction.Mean), dtype);
        var logitsT = SoftAssignment.Logits(zt, ct, tau);
        Close(seSum, SelfEntropyLoss.FromLogits(logitsT), dtype);
        Close(seSum / 9, SelfEntropyLoss.FromLogits(logitsT, UcdirReduction.Mean), dtype);
        Close(seSum, SelfEntropyLoss.FromProbabilities(SoftAssignment.Probabilities(zt, ct, tau)), dtype);
    }

    [Fact]
    public void Self_entropy_is_zero_for_one_hot_and_log_k_for_uniform_assignments()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("Self_entropy_is_zero_for_one_hot_and_log_k_for_uniform_assignments", 1);
        int n = 6, k = 5;
        var oneHot = nn.functional.one_hot(arange(n) % k, k).to(ScalarType.Float64);
        Assert.Equal(0.0, SelfEntropyLoss.FromProbabilities(oneHot).ToDouble());
        var hardLogits = oneHot.log().requires_grad_(true);          // 0 and −∞
        var hard = SelfEntropyLoss.FromLogits(hardLogits);
        Assert.Equal(0.0, hard.ToDouble());
        hard.backward();
        Assert.True(isfinite(hardLogits.grad!).all().item<bool>());
        var uniform = zeros(n, k, dtype: ScalarType.Float64);
        Assert.Equal(n * Math.Log(k), SelfEntropyLoss.FromLogits(uniform).ToDouble(), 12);
        Assert.Equal(Math.Log(k), SelfEntropyLoss.FromLogits(uniform, UcdirReduction.Mean).ToDouble(), 12);
        // Any other assignment lies strictly in between.
        var some = SelfEntropyLoss.FromLogits(randn(n, k, dtype: ScalarType.Float64, generator: g), UcdirReduction.Mean).ToDouble();
        Assert.InRange(some, 1e-6, Math.Log(k) - 1e-6);
    }

    [Fact]
    public void Cluster_wise_target_is_detached_argmax_and_gradient_reaches_only_z()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("Cluster_wise_target_is_detached_argmax_and_gradient_reaches_only_z", 1);
        // Ties go to the lowest index: logits (1, 1) → target 0, loss log 2.
        var tie = tensor(new double[] { 1, 1, 3, 0 }).reshape(2, 2);
        var per = SeedClusterWiseLoss.PerSample(tie);
        Assert.Equal(Math.Log(2), per[0].ToDouble(), 12);
        Assert.Equal(Math.Log(1 + Math.Exp(-3)), per[1].ToDouble(), 12);
        var z = randn(5, 4, dtype: ScalarType.Float64, generator: g).requires_grad_(true);
        var c = randn(3, 4, dtype: ScalarType.Float64, generator: g).requires_grad_(true);
        SeedClusterWiseLoss.Compute(z, c).backward();
        Assert.True(z.grad!.abs().sum().ToDouble() > 0);
        Assert.True(c.grad is null || c.grad.abs().sum().ToDouble() == 0);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Distance_of_distance_matches_brute_force_for_the_matching_it_finds(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var rng = new Random(21);
        int k = 6;
        var cA = Rows(rng, k, 8);
        var cB = Rows(rng, k, 8);
        using var result = SeedDistanceOfDistanceLoss.Compute(T(cA, dtype), T(cB, dtype));
        int[] pi = result.Permutation;
        Assert.True(TransportPermutation.IsPermutation(pi));
        // π must be the max-mass assignment of the returned plan.
        Assert.Equal(Hungarian.Solve(result.Matching.Plan, maximize: true), pi);
        double expected = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                expected += Math.Abs(Euclid(cA[i], cA[j]) - Euclid(cB[pi[i]], cB[pi[j]]));
        Close(expected, result.Loss, dtype);
        Close(expected / (k * k), SeedDistanceOfDistanceLoss.Loss(T(cA, dtype), T(cB, dtype), pi, UcdirReduction.Mean), dtype);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Distance_of_distance_is_invariant_to_permuting_one_domains_centroids(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("dd-invariance", 3);
        int k = 8;
        var cA = nn.functional.normalize(randn(k, 16, generator: g), 2, 1).to(dtype);
        var cB = nn.functional.normalize(cA + 0.3 * randn(k, 16, generator: g).to(dtype), 2, 1);
        var sigma = randperm(k, generator: g);
        using var original = SeedDistanceOfDistanceLoss.Compute(cA, cB);
        using var permuted = SeedDistanceOfDistanceLoss.Compute(cA, cB.index_select(0, sigma));
        Assert.Equal(original.Loss.ToDouble(), permuted.Loss.ToDouble(), dtype == ScalarType.Float32 ? 4 : 10);
        long[] s = sigma.data<long>().ToArray();
        for (int i = 0; i < k; i++) Assert.Equal(original.Permutation[i], (int)s[permuted.Permutation[i]]);
        // Same geometry up to re-ordering: the matching recovers σ⁻¹ and the loss vanishes.
        using var same = SeedDistanceOfDistanceLoss.Compute(cA, cA.index_select(0, sigma));
        for (int i = 0; i < k; i++) Assert.Equal(i, (int)s[same.Permutation[i]]);
        Assert.True(same.Loss.ToDouble() < (dtype == ScalarType.Float32 ? 1e-4 : 1e-10));
    }

    [Fact]
    public void Distance_of_distance_gradients_are_finite_and_bad_input_is_rejected()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("Distance_of_distance_gradients_are_finite_and_bad_input_is_rejected", 1);
        var cA = randn(5, 4, dtype: ScalarType.Float64, generator: g).requires_grad_(true);
        var cB = randn(5, 4, dtype: ScalarType.Float64, generator: g).requires_grad_(true);
        using var r = SeedDistanceOfDistanceLoss.Compute(cA, cB, new SeedDdOptions { MatchingCost = CentroidMatchingCost.Euclidean });
        r.Loss.backward();
        Assert.True(isfinite(cA.grad!).all().item<bool>() && cA.grad!.abs().sum().ToDouble() > 0);
        Assert.True(isfinite(cB.grad!).all().item<bool>() && cB.grad!.abs().sum().ToDouble() > 0);
        var leaf = cA.detach().clone().requires_grad_(true);
        var d = SeedDistanceOfDistanceLoss.PairwiseEuclidean(leaf);
        Assert.Equal(0.0, d.diagonal().abs().sum().ToDouble());
        d.sum().backward();                                   // upstream gradient 1 on the zero-distance diagonal too
        Assert.True(isfinite(leaf.grad!).all().item<bool>());
        Assert.Throws<ArgumentException>(() => SeedDistanceOfDistanceLoss.Compute(randn(5, 4, generator: g), randn(6, 4, generator: g)));
        Assert.Throws<ArgumentException>(() => SeedDistanceOfDistanceLoss.Loss(randn(3, 4, generator: g), randn(3, 4, generator: g), new[] { 0, 1 }));
    }
}
