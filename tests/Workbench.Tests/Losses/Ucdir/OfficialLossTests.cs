using Workbench.Losses.Distances;
using Workbench.Losses.Reducers;
using Workbench.Losses.Ucdir;
using static Workbench.Tests.Losses.Ucdir.UcdirTestData;

namespace Workbench.Tests.Losses.Ucdir;

public class OfficialLossTests
{
    private const double T = 0.2;

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Instance_wise_infonce_matches_brute_force_with_own_row_excluded(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var rng = new Random(31);
        var q = Rows(rng, 5, 6);
        var k = Rows(rng, 5, 6);
        var bank = Rows(rng, 12, 6);
        long[] ids = { 3, 0, 11, 7, 3 };
        double total = 0;
        for (int i = 0; i < q.Length; i++)
        {
            var logits = new List<double> { Dot(q[i], k[i]) / T };
            for (int j = 0; j < bank.Length; j++)
                if (j != ids[i]) logits.Add(Dot(q[i], bank[j]) / T);
            total += LogSumExp(logits) - logits[0];
        }
        var loss = MemoryBankInfoNce.Compute(T(q, dtype), T(k, dtype), T(bank, dtype), tensor(ids), T);
        Close(total / q.Length, loss, dtype);                       // mean: through the shared Losses.InfoNce
        Close(total, MemoryBankInfoNce.Compute(T(q, dtype), T(k, dtype), T(bank, dtype), tensor(ids), T, reduction: UcdirReduction.Sum), dtype);
        // Keeping the own row changes the value (the test can tell the two apart).
        // The default is the composition dot product / T with the mean reducer; cosine gives the same on unit rows.
        var dot = new TemperatureScaledSimilarity(new DotProductSimilarity(), T);
        Assert.True(MemoryBankInfoNce.Compute(T(q, dtype), T(k, dtype), T(bank, dtype), tensor(ids), dot, new MeanReducer()).eq(loss).all().item<bool>());
        var cosine = new TemperatureScaledSimilarity(new CosineSimilarity(), T);
        Close(total / q.Length, MemoryBankInfoNce.Compute(T(q, dtype), T(k, dtype), T(bank, dtype), tensor(ids), cosine, new MeanReducer()), dtype);
        Assert.Throws<ArgumentException>(() => MemoryBankInfoNce.Compute(T(q, dtype), T(k, dtype), T(bank, dtype), tensor(ids), new EuclideanDistance(), new MeanReducer()));
        var kept = MemoryBankInfoNce.Compute(T(q, dtype), T(k, dtype), T(bank, dtype), tensor(ids), T, excludeOwn: false);
        Assert.True(Math.Abs(kept.ToDouble() - loss.ToDouble()) > 1e-3);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Cluster_wise_supcon_with_confidence_filter_matches_brute_force(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var rng = new Random(41);
        int n = 8, bankSize = 20, kc = 3, d = 6;
        var q = Rows(rng, n, d);
        var protos = Rows(rng, kc, d);
        var bank = Rows(rng, bankSize, d);
        long[] labels = Enumerable.Range(0, bankSize).Select(j => (long)(j % kc)).ToArray();
        long[] ids = { 0, 4, 5, 9, 13, 17, 18, 2 };
        // Keys: half close to their own prototype (confident), half random (mostly filtered out).
        var k = new double[n][];
        for (int i = 0; i < n; i++)
            k[i] = i % 2 == 0 ? Normalize(protos[labels[ids[i]]].Select(x => x + 0.1 * (rng.NextDouble() - 0.5)).ToArray()) : Rows(rng, 1, d)[0];
        double num = 0, kept = 0;
        for (int i = 0; i < n; i++)
        {
            var s = bank.Select(m => Dot(q[i], m) / T).ToArray();
            double lse = LogSumExp(s), pos = 0, count = 0;
            for (int j = 0; j < bankSize; j++)
                if (labels[j] == labels[ids[i]]) { pos += s[j] - lse; count++; }
            double meanLogProbPos = pos / (count + 1e-8);
            var post = Softmax(protos.Select(p => Dot(k[i], p) / T).ToArray());
            if (post[labels[ids[i]]] > 0.2) { num += meanLogProbPos; kept++; }
        }
        Assert.InRange(kept, 1, n - 1);   // the filter is exercised both ways
        double expected = -num / (kept + 1e-8);
        var loss = BankClusterContrastiveLoss.Compute(T(q, dtype), T(k, dtype), tensor(ids), T(bank, dtype), tensor(labels), T(protos, dtype));
        Close(expected, loss, dtype);
        // Nobody passes a threshold of 1: the loss is exactly 0 (not NaN).
        var none = BankClusterContrastiveLoss.Compute(T(q, dtype), T(k, dtype), tensor(ids), T(bank, dtype), tensor(labels), T(protos, dtype), T, 1.0);
        Assert.Equal(0.0, none.ToDouble());
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Self_entropy_over_four_pairs_matches_brute_force(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var rng = new Random(51);
        var qA = Rows(rng, 4, 5);
        var qB = Rows(rng, 6, 5);
        var pA = Rows(rng, 3, 5);
        var pB = Rows(rng, 3, 5);
        double tau = 0.1, sum = 0;
        foreach (var f in new[] { qA, qB })
            foreach (var p in new[] { pA, pB })
                sum += f.Average(fi => Entropy(Softmax(p.Select(pc => Dot(fi, pc) / tau).ToArray())));
        Close(sum / 4, SelfEntropyLoss.OverPrototypePairs(T(qA, dtype), T(qB, dtype), T(pA, dtype), T(pB, dtype), tau), dtype);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Profile_distance_of_distance_matches_brute_force(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var rng = new Random(61);
        var qA = Rows(rng, 5, 4);
        var qB = Rows(rng, 7, 4);
        var pA = Rows(rng, 3, 4);
        var pB = Rows(rng, 3, 4);
        double Dd(double[][] f)
        {
            double[][] Profiles(double[][] p) => f.Select(fi => Normalize(Softmax(p.Select(pc => Dot(fi, pc) / 0.01).ToArray()))).ToArray();
            var sA = Profiles(pA);
            var sB = Profiles(pB);
            double total = 0;
            for (int i = 0; i < f.Length; i++)
            {
                double row = 0;
                for (int j = 0; j < f.Length; j++)
                {
                    double diff = (1 - Dot(sA[i], sA[j])) - (1 - Dot(sB[i], sB[j])) + 1e-6;
                    row += diff * diff;
                }
                total += row;
            }
            return total / f.Length;
        }
        double expected = (Dd(qA) + Dd(qB)) / 2;
        Close(expected, ProfileDistanceOfDistanceLoss.Compute(T(qA, dtype), T(qB, dtype), T(pA, dtype), T(pB, dtype)), dtype);
    }

    [Fact]
    public void Profile_distance_of_distance_is_invariant_to_renumbering_clusters()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("profile-dd", 4);
        var qA = nn.functional.normalize(randn(6, 8, generator: g, dtype: ScalarType.Float64), 2, 1);
        var qB = nn.functional.normalize(randn(6, 8, generator: g, dtype: ScalarType.Float64), 2, 1);
        var pA = nn.functional.normalize(randn(5, 8, generator: g, dtype: ScalarType.Float64), 2, 1);
        var pB = nn.functional.normalize(randn(5, 8, generator: g, dtype: ScalarType.Float64), 2, 1);
        double base_ = ProfileDistanceOfDistanceLoss.Compute(qA, qB, pA, pB, temperature: 0.1).ToDouble();
        var sA = randperm(5, generator: g);
        var sB = randperm(5, generator: g);
        double renumbered = ProfileDistanceOfDistanceLoss.Compute(qA, qB, pA.index_select(0, sA), pB.index_select(0, sB), temperature: 0.1).ToDouble();
        Assert.True(base_ > 1e-3);
        Assert.Equal(base_, renumbered, 12);
        // Identical prototype sets (any numbering) give D_A = D_B: only the 1e-6 eps term is left.
        double same = ProfileDistanceOfDistanceLoss.Compute(qA, qB, pA, pA.index_select(0, sA)).ToDouble();
        Assert.Equal(6 * 1e-12, same, 15);
    }

    [Fact]
    public void Bank_losses_reject_foreign_ids_and_mismatched_shapes()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("Bank_losses_reject_foreign_ids_and_mismatched_shapes", 1);
        var q = randn(3, 4, generator: g);
        var bank = randn(5, 4, generator: g);
        var e = Assert.Throws<ArgumentException>(() => MemoryBankInfoNce.Compute(q, q, bank, tensor(new long[] { 0, 5, 1 })));
        Assert.Contains("per domain", e.Message);
        Assert.Throws<ArgumentException>(() => MemoryBankInfoNce.Compute(q, q, randn(5, 3, generator: g), tensor(new long[] { 0, 1, 2 })));
        Assert.Throws<ArgumentException>(() => MemoryBankInfoNce.Compute(q, q, bank, tensor(new float[] { 0, 1, 2 })));
        Assert.Throws<ArgumentException>(() => BankClusterContrastiveLoss.Compute(q, q, tensor(new long[] { 0, 1, 2 }), bank, tensor(new long[] { 0, 1 }), randn(2, 4, generator: g)));
    }
}
