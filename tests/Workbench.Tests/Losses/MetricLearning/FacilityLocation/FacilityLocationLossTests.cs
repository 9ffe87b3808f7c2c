using Workbench.Losses.MetricLearning.FacilityLocation;

namespace Workbench.Tests.Losses.MetricLearning.FacilityLocation;

public class FacilityLocationLossTests
{
    public static TheoryData<ScalarType> Dtypes => new() { ScalarType.Float32, ScalarType.Float64 };

    private static (Tensor X, long[] Labels) Batch(int seed, int m, int classes, int dim, double noise, ScalarType dtype)
    {
        var random = new Random(seed);
        var centers = new double[classes, dim];
        for (int c = 0; c < classes; c++) for (int k = 0; k < dim; k++) centers[c, k] = random.NextDouble() * 2 - 1;
        var data = new double[m * dim];
        var labels = new long[m];
        for (int i = 0; i < m; i++)
        {
            int c = i < classes ? i : random.Next(classes);
            labels[i] = 100 + c;
            for (int k = 0; k < dim; k++) data[i * dim + k] = centers[c, k] + noise * (random.NextDouble() * 2 - 1);
        }
        using var raw = torch.tensor(data, m, dim).to(dtype);
        return (nn.functional.normalize(raw, dim: 1).detach(), labels);
    }

    private static double[] BruteDistances(Tensor x)
    {
        int m = (int)x.shape[0], dim = (int)x.shape[1];
        using var cpu = x.to(ScalarType.Float64);
        var v = cpu.data<double>().ToArray();
        var d = new double[m * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                if (i == j) continue;
                double s = 0;
                for (int k = 0; k < dim; k++) s += (v[i * dim + k] - v[j * dim + k]) * (v[i * dim + k] - v[j * dim + k]);
                d[i * m + j] = Math.Sqrt(s);
            }
        return d;
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Loss_and_gradient_match_a_brute_force_computation(ScalarType dtype)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            var (x0, labels) = Batch(seed, 14, 4, 5, noise: 0.9, dtype);
            using var x = x0.requires_grad_(true);
            using var y = torch.tensor(labels);
            double gamma = 2.0;
            var loss = new FacilityLocationLoss(GammaSchedule.Constant(gamma));
            using var value = loss.forward(x, y);
            value.backward();

            // Brute force: naive greedy + 5 PAM sweeps, NMI, oracle — all from a double distance matrix.
            int m = labels.Length;
            var d = BruteDistances(x.detach());
            var s = FacilityBrute.Greedy(d, m, labels, gamma, FacilityMarginType.Nmi, Workbench.Clustering.NmiNormalization.Geometric);
            for (int sweep = 0; sweep < 5; sweep++) s = FacilityBrute.PamSweep(d, m, labels, s, gamma, FacilityMarginType.Nmi, Workbench.Clustering.NmiNormalization.Geometric);
            Assert.Equal(s, loss.LastBatch!.Medoids);
            double nmi = FacilityBrute.Score(d, m, labels, s, FacilityMarginType.Nmi, Workbench.Clustering.NmiNormalization.Geometric);
            double oracle = 0;
            var oracleMedoid = new int[m];
            foreach (var cls in labels.Distinct())
            {
                var members = Enumerable.Range(0, m).Where(i => labels[i] == cls).ToList();
                int best = members.MinBy(j => members.Sum(i => d[i * m + j]));
                oracle -= members.Sum(i => d[i * m + best]);
                foreach (int i in members) oracleMedoid[i] = best;
            }
            double expected = Math.Max(0, FacilityBrute.Facility(d, m, s) + gamma * (1 - nmi) - oracle);
            double tolerance = dtype == ScalarType.Float32 ? 2e-4 : 1e-10;
            Assert.True(expected > 0.1, "the test batch should have an active hinge");
            Assert.Equal(expected, value.to(ScalarType.Float64).item<double>(), tolerance);
            Assert.Equal(expected, loss.LastBatch.Loss, tolerance);
            Assert.Equal(oracle, loss.LastBatch.ScoreOracle, tolerance);
            Assert.Equal(nmi, loss.LastBatch.ClusteringScore, 1e-9);

            // Gradient of the same objective with S, the oracle medoids and NMI frozen, by direct differences.
            var assign = FacilityBrute.Assign(d, m, s);
            using var xb = x.detach().clone().requires_grad_(true);
            Tensor total = torch.zeros(1, dtype: dtype);
            for (int i = 0; i < m; i++)
            {
                if (s[assign[i]] != i) total = total + (xb[s[assign[i]]] - xb[i]).square().sum().sqrt();
                if (oracleMedoid[i] != i) total = total - (xb[i] - xb[oracleMedoid[i]]).square().sum().sqrt();
            }
            using var bruteLoss = (total.neg() + gamma * (1 - nmi) - oracle).relu();
            bruteLoss.backward();
            double gradTolerance = dtype == ScalarType.Float32 ? 1e-3 : 1e-9;
            Assert.True(x.grad!.allclose(xb.grad!, rtol: 0, atol: gradTolerance), "gradient differs from the brute-force objective");
            loss.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Tight_far_apart_classes_give_zero_loss_and_zero_gradient(ScalarType dtype)
    {
        // Classes around orthogonal unit vectors (√2 apart), items jittered by 1e-3; γ = 1 < √2.
        var (x0, labels) = Batch(1, 12, 3, 3, noise: 0, dtype);
        using var basis = torch.eye(3, dtype: dtype);
        using var index = torch.tensor(labels.Select(l => l - 100).ToArray());
        using var jitter = torch.rand(12, 3, dtype: dtype, generator: Workbench.Runtime.Seeding.NewGenerator("fl-test", 1)).mul(1e-3);
        using var x = nn.functional.normalize(basis.index_select(0, index) + jitter, dim: 1).detach().requires_grad_(true);
        using var y = torch.tensor(labels);
        using var loss = new FacilityLocationLoss(GammaSchedule.Constant(1.0));
        using var value = loss.forward(x, y);
        value.backward();
        Assert.Equal(0.0, value.to(ScalarType.Float64).item<double>());
        Assert.Equal(0.0, x.grad!.abs().max().to(ScalarType.Float64).item<double>());
        Assert.Equal(1.0, loss.LastBatch!.ClusteringScore, 12);
        x0.Dispose();
    }

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Gradients_are_finite_at_zero_distances(ScalarType dtype)
    {
        // Exact duplicates (distance exactly 0) including medoids, with an active hinge (large γ).
        using var x = torch.tensor(new double[] { 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1 }, 6, 3).to(dtype).requires_grad_(true);
        using var y = torch.tensor(new long[] { 0, 0, 1, 1, 2, 2 });
        using var loss = new FacilityLocationLoss(GammaSchedule.Constant(50.0));
        using var value = loss.forward(x, y);
        value.backward();
        Assert.True(value.to(ScalarType.Float64).item<double>() > 0);
        Assert.True(x.grad!.isfinite().all().item<bool>());
    }

    [Fact]
    public void Margin_decays_with_the_step()
    {
        var schedule = new GammaSchedule(Initial: 10, DecayRate: 0.94, DecaySteps: 100);
        Assert.Equal(10.0, schedule.ValueAt(0));
        Assert.Equal(10.0, schedule.ValueAt(99));
        Assert.Equal(9.4, schedule.ValueAt(100), 12);
        Assert.Equal(10 * 0.94 * 0.94, schedule.ValueAt(250), 12);
        var smooth = schedule with { Staircase = false };
        Assert.Equal(10 * Math.Pow(0.94, 2.5), smooth.ValueAt(250), 12);
        Assert.Equal(3.0, GammaSchedule.Constant(3.0).ValueAt(1_000_000));
        Assert.Throws<ArgumentException>(() => schedule.ValueAt(-1));
        Assert.Throws<ArgumentException>(() => new GammaSchedule(DecayRate: 1.5).Validate());
        Assert.Throws<ArgumentException>(() => new GammaSchedule(DecaySteps: 0).Validate());

        var (x, labels) = Batch(3, 10, 3, 4, 0.9, ScalarType.Float64);
        using var y = torch.tensor(labels);
        using var loss = new FacilityLocationLoss(schedule);
        loss.Step = 250;
        using var value = loss.forward(x, y);
        Assert.Equal(10 * 0.94 * 0.94, loss.LastBatch!.Gamma, 12);
        Assert.Equal(loss.CurrentGamma, loss.LastBatch.Gamma);
        x.Dispose();
    }

    [Fact]
    public void Non_finite_embeddings_give_a_nan_loss()
    {
        using var x = torch.tensor(new double[] { 1, 0, double.NaN, 1, 0, 1 }, 3, 2);
        using var y = torch.tensor(new long[] { 0, 0, 1 });
        using var loss = new FacilityLocationLoss();
        using var value = loss.forward(x, y);
        Assert.True(double.IsNaN(value.item<double>()));
        Assert.Null(loss.LastBatch);
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        using var loss = new FacilityLocationLoss();
        using var x = torch.zeros(4, 3);
        using var y3 = torch.tensor(new long[] { 0, 1, 2 });
        var e = Assert.Throws<ArgumentException>(() => loss.forward(x, y3));
        Assert.Contains("4 embeddings", e.Message);
        using var yf = torch.zeros(4);
        Assert.Throws<ArgumentException>(() => loss.forward(x, yf));
        Assert.Throws<ArgumentException>(() => new FacilityLocationLoss(distance: new Workbench.Losses.Distances.CosineSimilarity()));
    }
}
