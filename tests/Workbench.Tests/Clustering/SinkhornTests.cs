using Workbench.Clustering;

namespace Workbench.Tests.Clustering;

public class SinkhornTests
{
    [Theory]
    [InlineData(ScalarType.Float32, 1e-5)]
    [InlineData(ScalarType.Float64, 1e-9)]
    public void Marginals_hold_within_tolerance_for_uniform_and_given_marginals(ScalarType dtype, double tolerance)
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("sinkhorn-test", 1);
        var cost = rand(6, 9, generator: g).to(dtype);
        var options = new SinkhornOptions { Epsilon = 0.05, Tolerance = tolerance };
        using var uniform = Sinkhorn.Solve(cost, options: options);
        Assert.True(uniform.Converged, $"error {uniform.MarginalError} after {uniform.Iterations}");
        Assert.Equal(dtype, uniform.Plan.dtype);
        AssertMarginals(uniform.Plan, full(6, 1.0 / 6, dtype: ScalarType.Float64), full(9, 1.0 / 9, dtype: ScalarType.Float64), tolerance * 10);

        var a = tensor(new double[] { 0.1, 0.2, 0.3, 0.1, 0.2, 0.1 });
        var b = rand(9, generator: g, dtype: ScalarType.Float64) + 0.1;
        b = b / b.sum();
        using var given = Sinkhorn.Solve(cost, a, b, options);
        Assert.True(given.Converged);
        AssertMarginals(given.Plan, a, b, tolerance * 10);
        Assert.True(given.MarginalError <= tolerance);
    }

    [Fact]
    public void Log_domain_plan_equals_a_plain_sinkhorn_loop_written_here()
    {
        using var scope = NewDisposeScope();
        var rng = new Random(3);
        int n = 4, m = 5;
        double eps = 0.5;
        var c = new double[n, m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) c[i, j] = rng.NextDouble();
        // Plain (non-log) Sinkhorn–Knopp: u = a / (K v), v = b / (Kᵀ u), K = exp(−C/ε).
        var u = Enumerable.Repeat(1.0, n).ToArray();
        var v = Enumerable.Repeat(1.0, m).ToArray();
        for (int it = 0; it < 2000; it++)
        {
            for (int i = 0; i < n; i++) { double s = 0; for (int j = 0; j < m; j++) s += Math.Exp(-c[i, j] / eps) * v[j]; u[i] = (1.0 / n) / s; }
            for (int j = 0; j < m; j++) { double s = 0; for (int i = 0; i < n; i++) s += Math.Exp(-c[i, j] / eps) * u[i]; v[j] = (1.0 / m) / s; }
        }
        var flat = new double[n * m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) flat[i * m + j] = c[i, j];
        using var result = Sinkhorn.Solve(tensor(flat).reshape(n, m), options: new SinkhornOptions { Epsilon = eps, Tolerance = 1e-13 });
        var plan = result.Plan.data<double>().ToArray();
        double transport = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double expected = u[i] * Math.Exp(-c[i, j] / eps) * v[j];
                Assert.Equal(expected, plan[i * m + j], 12);
                transport += expected * c[i, j];
            }
        Assert.Equal(transport, result.TransportCost, 12);
        // The potentials reproduce the plan: P = exp((f_i + g_j − C_ij)/ε).
        var rebuilt = ((result.F.unsqueeze(1) + result.G.unsqueeze(0) - tensor(flat).reshape(n, m)) / eps).exp();
        Assert.True(rebuilt.allclose(result.Plan, rtol: 1e-10, atol: 1e-14));
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Plan_for_a_permuted_cost_recovers_the_permutation(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("sinkhorn-perm", 5);
        int k = 12;
        var x = nn.functional.normalize(randn(k, 16, generator: g), 2, 1).to(dtype);
        var sigma = randperm(k, generator: g);
        var y = x.index_select(0, sigma) + 0.01 * randn(k, 16, generator: g).to(dtype);   // y_j ≈ x_sigma(j)
        var cost = 1 - x.matmul(nn.functional.normalize(y, 2, 1).t());
        using var result = Sinkhorn.Solve(cost, options: new SinkhornOptions { MaxIterations = 200 });
        // A near-permutation kernel makes Sinkhorn converge slowly (the known worst case); the plan is already
        // within 1e-4 of its marginals, which is all the matching needs.
        Assert.True(result.MarginalError < 1e-4, $"marginal error {result.MarginalError}");
        long[] s = sigma.data<long>().ToArray();
        var expected = new int[k];
        for (int j = 0; j < k; j++) expected[s[j]] = j;   // row i is matched to the column j with sigma(j) = i
        Assert.Equal(expected, TransportPermutation.FromPlan(result.Plan));
        Assert.Equal(expected, TransportPermutation.FromPlan(result.Plan, PermutationMethod.RowArgmax));
    }

    [Fact]
    public void Non_convergence_is_reported_and_bad_input_is_rejected()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("sinkhorn-bad", 2);
        var cost = rand(5, 5, generator: g, dtype: ScalarType.Float64);
        using var capped = Sinkhorn.Solve(cost, options: new SinkhornOptions { Epsilon = 0.01, MaxIterations = 2, Tolerance = 1e-12 });
        Assert.False(capped.Converged);
        Assert.Equal(2, capped.Iterations);
        Assert.True(capped.MarginalError > 1e-12);
        // The reported error is the returned plan's.
        double actual = (capped.Plan.sum(1) - 0.2).abs().sum().item<double>();
        Assert.Equal(actual, capped.MarginalError, 12);

        var unbalanced = Assert.Throws<ArgumentException>(() => Sinkhorn.Solve(cost, ones(5, dtype: ScalarType.Float64), full(5, 0.2, dtype: ScalarType.Float64)));
        Assert.Contains("balanced", unbalanced.Message);
        Assert.Throws<ArgumentException>(() => Sinkhorn.Solve(cost, -ones(5)));
        Assert.Throws<ArgumentException>(() => Sinkhorn.Solve(cost, ones(4) / 4));
        var nan = cost.clone();
        nan[0, 0] = tensor(double.NaN);
        Assert.Throws<ArgumentException>(() => Sinkhorn.Solve(nan));
        Assert.Throws<ArgumentException>(() => Sinkhorn.Solve(cost.to(ScalarType.Int32)));
        Assert.Throws<ArgumentException>(() => Sinkhorn.Solve(cost, options: new SinkhornOptions { Epsilon = 0 }));
    }

    [Fact]
    public void Differentiable_mode_gives_gradients_and_default_mode_is_a_constant()
    {
        using var scope = NewDisposeScope();
        var g = Workbench.Runtime.Seeding.NewGenerator("Differentiable_mode_gives_gradients_and_default_mode_is_a_constant", 1);
        var cost = rand(3, 3, dtype: ScalarType.Float64, generator: g).requires_grad_(true);
        using (var constant = Sinkhorn.Solve(cost))
            Assert.False(constant.Plan.requires_grad);
        using var tracked = Sinkhorn.Solve(cost, options: new SinkhornOptions { Differentiable = true, MaxIterations = 50, Epsilon = 0.5 });
        (tracked.Plan * cost).sum().backward();
        Assert.NotNull(cost.grad);
        Assert.True(isfinite(cost.grad!).all().item<bool>());
    }

    private static void AssertMarginals(Tensor plan, Tensor a, Tensor b, double tolerance)
    {
        var p = plan.to(ScalarType.Float64);
        Assert.True((p.sum(1) - a).abs().max().item<double>() <= tolerance, "row marginal");
        Assert.True((p.sum(0L) - b).abs().max().item<double>() <= tolerance, "column marginal");
        Assert.True(p.ge(0).all().item<bool>());
    }
}
