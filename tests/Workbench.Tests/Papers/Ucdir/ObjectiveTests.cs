using Workbench.Losses.Ucdir;
using Workbench.Models.Moco;
using Workbench.Papers.Ucdir;

namespace Workbench.Tests.Papers.Ucdir;

public class ObjectiveTests
{
    [Fact]
    public void Seed_total_is_the_weighted_sum_of_its_parts_computed_separately()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("seed-objective", 1);
        var zA = randn(10, 8, generator: g, dtype: ScalarType.Float64);
        var zB = randn(10, 8, generator: g, dtype: ScalarType.Float64);
        var c0A = randn(4, 8, generator: g, dtype: ScalarType.Float64);
        var c0B = randn(4, 8, generator: g, dtype: ScalarType.Float64);
        using var storeA = new CentroidStore(c0A);
        using var storeB = new CentroidStore(c0B);
        var terms = new UcdirSeedObjective().Compute(new UcdirDomainBatch(zA), new UcdirDomainBatch(zB), storeA, storeB);

        var ncA = nn.functional.normalize(c0A, 2, 1);
        var ncB = nn.functional.normalize(c0B, 2, 1);
        double cw = SeedClusterWiseLoss.Compute(zA, ncA).ToDouble() + SeedClusterWiseLoss.Compute(zB, ncB).ToDouble();
        double se = SelfEntropyLoss.FromLogits(SoftAssignment.Logits(zA, ncA)).ToDouble() + SelfEntropyLoss.FromLogits(SoftAssignment.Logits(zB, ncB)).ToDouble();
        var (mA, _) = CentroidStore.WeightedBatchMean(zA, SoftAssignment.Probabilities(zA, ncA));
        var (mB, _) = CentroidStore.WeightedBatchMean(zB, SoftAssignment.Probabilities(zB, ncB));
        using var dd = SeedDistanceOfDistanceLoss.Compute(nn.functional.normalize(mA, 2, 1), nn.functional.normalize(mB, 2, 1), new SeedDdOptions());
        Assert.Equal(cw, terms.ClusterWise!.ToDouble(), 10);
        Assert.Equal(se, terms.SelfEntropy!.ToDouble(), 10);
        Assert.Equal(dd.Loss.ToDouble(), terms.DistanceOfDistance!.ToDouble(), 10);
        Assert.Equal(dd.Permutation, terms.Permutation);
        Assert.Equal(cw + 0.1 * dd.Loss.ToDouble() + 0.01 * se, terms.Total.ToDouble(), 10);
        Assert.Null(terms.InstanceWise);
        // The stores now hold the normalised batch means (default BatchMean rule).
        Assert.True(storeA.Centroids.allclose(nn.functional.normalize(mA, 2, 1)));
        Assert.Equal(1, storeB.Updates);
    }

    [Theory]
    [InlineData(SeedDdCentroids.UpdatedCentroids, true)]
    [InlineData(SeedDdCentroids.BatchMeans, true)]
    [InlineData(SeedDdCentroids.StoredConstant, false)]
    public void Seed_dd_reaches_the_features_unless_it_compares_stored_constants(SeedDdCentroids choice, bool hasGradient)
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("seed-dd-grad", 2);
        var zA = randn(12, 6, generator: g, dtype: ScalarType.Float64).requires_grad_(true);
        var zB = randn(12, 6, generator: g, dtype: ScalarType.Float64).requires_grad_(true);
        using var storeA = new CentroidStore(randn(3, 6, generator: g, dtype: ScalarType.Float64), CentroidUpdate.Ema, momentum: 0.5);
        using var storeB = new CentroidStore(randn(3, 6, generator: g, dtype: ScalarType.Float64), CentroidUpdate.Ema, momentum: 0.5);
        var options = new UcdirSeedOptions { UseClusterWise = false, UseSelfEntropy = false, DdCentroids = choice };
        var terms = new UcdirSeedObjective(options).Compute(new UcdirDomainBatch(zA), new UcdirDomainBatch(zB), storeA, storeB);
        Assert.True(terms.DistanceOfDistance!.ToDouble() > 0);
        if (hasGradient)
        {
            terms.Total.backward();
            Assert.True(zA.grad!.abs().sum().ToDouble() > 0 && zB.grad!.abs().sum().ToDouble() > 0);
        }
        else Assert.False(terms.Total.requires_grad);
    }

    [Fact]
    public void Seed_instance_wise_row_uses_the_bank_and_needs_its_inputs()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("seed-iw", 3);
        var q = nn.functional.normalize(randn(4, 5, generator: g), 2, 1);
        var k = nn.functional.normalize(randn(4, 5, generator: g), 2, 1);
        var ids = tensor(new long[] { 0, 2, 4, 6 });
        using var bankA = DomainMemoryBank.Random(8, 5, g);
        using var bankB = DomainMemoryBank.Random(8, 5, g);
        var objective = new UcdirSeedObjective(UcdirSeedOptions.InstanceWiseOnly);
        var terms = objective.Compute(new UcdirDomainBatch(q, k, ids, bankA), new UcdirDomainBatch(q, k, ids, bankB), null, null);
        Assert.True(bankA.Features.index_select(0, ids).allclose(k));      // banks updated before the loss
        Assert.True(bankB.Features.index_select(0, ids).allclose(k));
        double expected = (MemoryBankInfoNce.Compute(q, k, bankA.Features, ids).ToDouble() + MemoryBankInfoNce.Compute(q, k, bankB.Features, ids).ToDouble()) / 2;
        Assert.Equal(expected, terms.InstanceWise!.ToDouble(), 5);
        Assert.Equal(expected, terms.Total.ToDouble(), 5);
        Assert.Null(terms.ClusterWise);
        var e = Assert.Throws<ArgumentException>(() => objective.Compute(new UcdirDomainBatch(q), new UcdirDomainBatch(q), null, null));
        Assert.Contains("memory bank", e.Message);
        Assert.Throws<ArgumentException>(() => new UcdirSeedObjective().Compute(new UcdirDomainBatch(q), new UcdirDomainBatch(q), null, null));
    }

    [Fact]
    public void Seed_objective_lowers_its_loss_when_features_are_optimised()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("seed-smoke", 4);
        var zA = new TorchSharp.Modules.Parameter(randn(16, 8, generator: g));
        var zB = new TorchSharp.Modules.Parameter(randn(16, 8, generator: g));
        using var storeA = CentroidStore.FromSamples(zA, 4, g, CentroidUpdate.Ema, momentum: 0.9);
        using var storeB = CentroidStore.FromSamples(zB, 4, g, CentroidUpdate.Ema, momentum: 0.9);
        var objective = new UcdirSeedObjective(new UcdirSeedOptions { Reduction = UcdirReduction.Mean });
        var optimizer = optim.SGD(new[] { zA, zB }, 0.5);
        double first = 0, last = 0;
        for (int step = 0; step < 30; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var terms = objective.Compute(new UcdirDomainBatch(zA), new UcdirDomainBatch(zB), storeA, storeB);
            terms.Total.backward();
            optimizer.step();
            if (step == 0) first = terms.Total.ToDouble();
            last = terms.Total.ToDouble();
        }
        Assert.True(last < 0.5 * first, $"loss {first} → {last}");
    }

    [Fact]
    public void Official_total_follows_the_staged_formula()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("official", 5);
        Tensor Unit(long n, long d) => nn.functional.normalize(randn(n, d, generator: g, dtype: ScalarType.Float64), 2, 1);
        int nBank = 10, d = 6;
        using var bankA = new DomainMemoryBank(Unit(nBank, d));
        using var bankB = new DomainMemoryBank(Unit(nBank, d));
        var qA = Unit(4, d); var kA = Unit(4, d); var qB = Unit(4, d); var kB = Unit(4, d);
        var idsA = tensor(new long[] { 1, 3, 5, 7 });
        var idsB = tensor(new long[] { 0, 2, 4, 9 });
        using var clA = UcdirPseudoLabels.FromKMeans(arange(nBank) % 3, randn(3, d, generator: g, dtype: ScalarType.Float64));
        using var clB = UcdirPseudoLabels.FromKMeans((arange(nBank) + 1) % 3, randn(3, d, generator: g, dtype: ScalarType.Float64));
        var a = new UcdirDomainBatch(qA, kA, idsA, bankA);
        var b = new UcdirDomainBatch(qB, kB, idsB, bankB);
        var objective = new UcdirOfficialObjective(UcdirOfficialOptions.DomainNet);

        var warm = objective.Compute(a, b, 5, null, null);     // IW only, no clusters needed
        Assert.Null(warm.ClusterWise);
        Assert.True(bankA.Features.index_select(0, idsA).allclose(kA));
        Assert.Throws<ArgumentException>(() => objective.Compute(a, b, 20, null, null));

        var late = objective.Compute(a, b, 150, clA, clB);
        double iwA = MemoryBankInfoNce.Compute(qA, kA, bankA.Features, idsA).ToDouble();
        double iwB = MemoryBankInfoNce.Compute(qB, kB, bankB.Features, idsB).ToDouble();
        double cwA = BankClusterContrastiveLoss.Compute(qA, kA, idsA, bankA.Features, clA.Labels, clA.Prototypes).ToDouble();
        double cwB = BankClusterContrastiveLoss.Compute(qB, kB, idsB, bankB.Features, clB.Labels, clB.Prototypes).ToDouble();
        double se = SelfEntropyLoss.OverPrototypePairs(qA, qB, clA.Prototypes, clB.Prototypes, 0.1).ToDouble();
        double dd = ProfileDistanceOfDistanceLoss.Compute(qA, qB, clA.Prototypes, clB.Prototypes).ToDouble();
        double expected = 0.5 * ((iwA + 1.0 * cwA) + (iwB + 1.0 * cwB)) + 0.5 * se + 0.1 * dd;
        Assert.Equal(expected, late.Total.ToDouble(), 10);
        Assert.Equal(0.5 * (cwA + cwB), late.ClusterWise!.ToDouble(), 10);
        Assert.Equal(150, late.Weights!.Epoch);

        var mid = objective.Compute(a, b, 60, clA, clB);        // CW ramp at 50 %, no SE/DD yet
        Assert.Null(mid.SelfEntropy);
        Assert.Null(mid.DistanceOfDistance);
        Assert.Equal(0.5 * ((iwA + 0.5 * cwA) + (iwB + 0.5 * cwB)), mid.Total.ToDouble(), 10);
        var ablated = new UcdirOfficialObjective(UcdirOfficialOptions.DomainNet.WithClusterWise()).Compute(a, b, 150, clA, clB);
        Assert.Null(ablated.SelfEntropy);
        Assert.NotNull(ablated.ClusterWise);
        Assert.Equal(4, late.ToScalars().Values.Count(v => !double.IsNaN(v)) - 1);
    }
}
