using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using TorchSharp;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Bench.Runtime;

/// <summary>
/// glibc's allocator policy for libtorch's tensor buffers: time and resident memory of a loop that
/// allocates and frees tensors of changing size (0.6–16 MB: pairwise distances of 600–2,000 points
/// and a 3n × 256 × 128 matmul, as a t-SNE or a variable-batch training loop does), under the
/// default dynamic mmap threshold and under fixed thresholds set with <c>MALLOC_MMAP_THRESHOLD_</c>
/// (and <c>MALLOC_TRIM_THRESHOLD_</c> for the speed setting; one job per policy: glibc reads them at process start).
/// </summary>
[Config(typeof(Policies))]
public class AllocatorPolicyBenchmark
{
    private sealed class Policies : ManualConfig
    {
        public Policies()
        {
            var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1);
            AddJob(job.WithId("glibc default"));
            AddJob(job.WithEnvironmentVariable(TorchRuntimeMalloc, "1048576").WithId("mmap >= 1 MiB"));
            AddJob(job.WithEnvironmentVariable(TorchRuntimeMalloc, "4194304").WithId("mmap >= 4 MiB"));
            // The speed setting of bench/results/training.md: buffers up to 64 MiB from the heap, heap top kept up to 512 MiB.
            AddJob(job.WithEnvironmentVariables(new EnvironmentVariable(TorchRuntimeMalloc, "67108864"), new EnvironmentVariable("MALLOC_TRIM_THRESHOLD_", "536870912"))
                .WithId("mmap >= 64 MiB, trim 512 MiB"));
        }
    }

    private const string TorchRuntimeMalloc = "MALLOC_MMAP_THRESHOLD_";

    /// <summary>Loads the natives and fixes the torch thread count.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(Math.Min(2, Environment.ProcessorCount));
    }

    /// <summary>400 steps of the allocation pattern, seeded.</summary>
    [Benchmark]
    public double ChangingSizeLoop()
    {
        var rng = new Random(0);
        double sink = 0;
        for (int it = 0; it < 400; it++)
        {
            using var scope = torch.NewDisposeScope();
            int n = 600 + rng.Next(1400);
            var y = torch.randn(n, 2);
            var q = (torch.cdist(y, y).pow(2) + 1).reciprocal();
            var g = (q * q).matmul(y) / q.sum();
            var r = torch.randn(n * 3, 256).matmul(torch.randn(256, 128));
            sink += g.sum().ToDouble() + r.mean().ToDouble();
        }
        return sink;
    }

    /// <summary>Prints the process's peak and current resident memory after the iterations.</summary>
    [GlobalCleanup]
    public void Report()
    {
        var status = File.ReadAllLines("/proc/self/status");
        static string Mb(string line) => (long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"// allocator {Environment.GetEnvironmentVariable(TorchRuntimeMalloc) ?? "default"} (trim {Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") ?? "default"}): peak RSS {Mb(status.First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)))} MB, RSS {Mb(status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)))} MB");
    }
}
