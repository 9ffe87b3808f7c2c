using BenchmarkDotNet.Attributes;

namespace Workbench.Bench.Runtime;

/// <summary>A matrix multiply on the CPU backend: a sanity baseline for the other benchmarks.</summary>
[MemoryDiagnoser]
public class MatmulBaseline
{
    private TorchSharp.torch.Tensor _a = null!;

    /// <summary>Allocates the operand.</summary>
    [GlobalSetup]
    public void Setup() => _a = TorchSharp.torch.randn(256, 256);

    /// <summary>256 x 256 x 256 float32 matmul.</summary>
    [Benchmark]
    public float Matmul256()
    {
        using var c = _a.matmul(_a);
        return c[0, 0].item<float>();
    }
}
