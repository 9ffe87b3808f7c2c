using Workbench.Runtime;

namespace Workbench.Tests.Runtime;

[Collection(GlobalRngCollection.Name)]
public class SeedingAndDeviceTests
{
    [Fact]
    public void Same_seed_gives_identical_tensors_and_streams()
    {
        Seeding.SeedEverything(1234);
        using var a = randn(5, 7);
        int ra = Seeding.NewRandom("sampler").Next();
        Seeding.SeedEverything(1234);
        using var b = randn(5, 7);
        int rb = Seeding.NewRandom("sampler").Next();
        Assert.True(a.eq(b).all().item<bool>());
        Assert.Equal(ra, rb);

        Seeding.SeedEverything(1235);
        using var c = randn(5, 7);
        Assert.False(a.eq(c).all().item<bool>());
        Assert.NotEqual(Seeding.Derive("sampler", 1), Seeding.Derive("augment", 1));
    }

    [Fact]
    public void Named_generators_are_reproducible_and_independent()
    {
        using var g1 = Seeding.NewGenerator("augment", 7);
        using var g2 = Seeding.NewGenerator("augment", 7);
        using var g3 = Seeding.NewGenerator("sampler", 7);
        using var x1 = rand(10, generator: g1);
        using var x2 = rand(10, generator: g2);
        using var x3 = rand(10, generator: g3);
        Assert.True(x1.eq(x2).all().item<bool>());
        Assert.False(x1.eq(x3).all().item<bool>());
    }

    [Fact]
    public void Auto_device_falls_back_to_cpu_and_explicit_cuda_is_refused_without_it()
    {
        Assert.Equal(DeviceType.CPU, DeviceSelector.Select("auto", cudaAvailable: false).type);
        Assert.Equal(DeviceType.CPU, DeviceSelector.Select("cpu", cudaAvailable: true).type);
        Assert.Equal(DeviceType.CUDA, DeviceSelector.Select("cuda:1", cudaAvailable: true).type);
        var e = Assert.Throws<ArgumentException>(() => DeviceSelector.Select("cuda", cudaAvailable: false));
        Assert.Contains("not available", e.Message);
        Assert.Throws<ArgumentException>(() => DeviceSelector.Select("tpu", cudaAvailable: false));
        // This machine has no GPU: the real detection must say so and auto must give the CPU.
        if (!DeviceSelector.IsCudaAvailable()) Assert.Equal(DeviceType.CPU, DeviceSelector.Select("auto").type);
    }

    [Fact]
    public void Thread_count_is_applied_and_validated()
    {
        int before = Threads.Current;
        Assert.Equal(1, Threads.Configure(1));
        Assert.Equal(1, Threads.Current);
        Threads.Configure(before);
        Assert.Throws<ArgumentOutOfRangeException>(() => Threads.Configure(0));
    }

    [Fact]
    public void Autograd_fits_a_tiny_linear_regression()
    {
        Seeding.SeedEverything(0);
        using var scope = NewDisposeScope();
        var trueW = tensor(new[] { 2.0f, -1.0f, 0.5f }).reshape(3, 1);
        var x = randn(256, 3);
        var y = x.matmul(trueW) + 0.01f * randn(256, 1);
        var w = new TorchSharp.Modules.Parameter(zeros(3, 1));
        var opt = optim.SGD(new[] { w }, 0.1);
        for (int i = 0; i < 200; i++)
        {
            using var step = NewDisposeScope();
            opt.zero_grad();
            var loss = (x.matmul(w) - y).pow(2).mean();
            loss.backward();
            opt.step();
        }
        var err = (w.detach() - trueW).abs().max().item<float>();
        Assert.True(err < 0.01f, $"max |w - w*| = {err}");
    }
}
