using BenchmarkDotNet.Attributes;
using TorchSharp;
using Workbench.Clustering;
using Workbench.Losses.Ucdir;
using static TorchSharp.torch;

namespace Workbench.Bench.Ucdir;

/// <summary>
/// Per-step cost of the seed variant's centroid matching: Hungarian on a K × K plan, log-domain Sinkhorn
/// (ε = 0.05, 50 iterations, as the seed DD default), and the whole seed L_DD (cost, Sinkhorn, Hungarian, loss).
/// K = 7 (DomainNet-7 / emoji-7), 65 (Office-Home), 256. Torch runs with one intra-op thread
/// (<c>WORKBENCH_THREADS</c> overrides): the tensors are small, and on a shared 2-core machine a parallel op mostly
/// waits for the scheduler.
/// </summary>
[MemoryDiagnoser]
public class UcdirMatchingBenchmark
{
    private Tensor _centroidsA = null!;
    private Tensor _centroidsB = null!;
    private Tensor _cost = null!;
    private Tensor _plan = null!;
    private double[,] _matrix = null!;

    /// <summary>Number of centroids K.</summary>
    [Params(7, 65, 256)]
    public int K { get; set; }

    /// <summary>Random unit centroids (D = 128) for both domains and their cosine cost.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Workbench.Runtime.Threads.Configure(int.TryParse(Environment.GetEnvironmentVariable(Workbench.Runtime.Threads.EnvironmentVariable), out var t) ? t : 1);
        var g = Workbench.Runtime.Seeding.NewGenerator("bench-ucdir", 1);
        _centroidsA = nn.functional.normalize(randn(K, 128, generator: g), 2, 1);
        _centroidsB = nn.functional.normalize(_centroidsA + 0.5 * randn(K, 128, generator: g), 2, 1);
        _cost = SeedDistanceOfDistanceLoss.MatchingCost(_centroidsA, _centroidsB, CentroidMatchingCost.Cosine);
        using var solved = Sinkhorn.Solve(_cost, options: new SinkhornOptions { MaxIterations = 50 });
        _plan = solved.Plan.clone();
        var rng = new Random(1);
        _matrix = new double[K, K];
        for (int i = 0; i < K; i++) for (int j = 0; j < K; j++) _matrix[i, j] = rng.NextDouble();
    }

    /// <summary>Hungarian on a random K × K matrix.</summary>
    [Benchmark]
    public int HungarianRandom() => Hungarian.Solve(_matrix)[0];

    /// <summary>Sinkhorn, ε = 0.05, at most 50 iterations, error checked every iteration.</summary>
    [Benchmark]
    public double Sinkhorn50()
    {
        using var r = Sinkhorn.Solve(_cost, options: new SinkhornOptions { MaxIterations = 50 });
        return r.MarginalError;
    }

    /// <summary>Plan → permutation by Hungarian on −P.</summary>
    [Benchmark]
    public int PermutationFromPlan() => TransportPermutation.FromPlan(_plan)[0];

    /// <summary>The whole seed L_DD with default options (forward only).</summary>
    [Benchmark]
    public double SeedDdForward()
    {
        using var scope = NewDisposeScope();
        using var r = SeedDistanceOfDistanceLoss.Compute(_centroidsA, _centroidsB);
        return r.Loss.ToDouble();
    }
}
