using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TorchSharp;
using Workbench.Losses;
using Workbench.Models;
using Workbench.Models.Heads;
using static TorchSharp.torch;

namespace Workbench.Bench.Models;

/// <summary>
/// One training step of the shared backbones on CPU: forward, a scalar loss, backward, clear
/// gradients (no optimiser), and the full SPQ step (two views, quantization head, cross-quantized
/// contrastive loss, backward, Adam) that the SPQ trainer's overhead is measured against.
/// Inputs are fixed random tensors; the models stay in training mode.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class BackboneStepBenchmark
{
    private Backbone _small = null!;
    private Backbone _cifar = null!;
    private SoftQuantizationHead _head = null!;
    private CrossQuantizedContrastiveLoss _cqc = null!;
    private optim.Optimizer _adam = null!;
    private Tensor _grey = null!;
    private Tensor _greyB = null!;
    private Tensor _rgb = null!;

    /// <summary>Builds the models and inputs with fixed seeds.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Workbench.Runtime.Threads.Configure();
        _small = BackboneFactory.Create("smallconv", new BackboneOptions { Seed = 1 });
        _cifar = BackboneFactory.Create("resnet18-cifar", new BackboneOptions { Seed = 1 });
        using var g = Workbench.Runtime.Seeding.NewGenerator("bench-head", 1);
        _head = new SoftQuantizationHead(new SoftQuantizationOptions { InputDimension = _small.OutputDimension }, generator: g);
        _cqc = new CrossQuantizedContrastiveLoss();
        var parameters = _small.parameters().Concat(_head.parameters());
        _adam = optim.Adam(parameters, lr: 3e-4, weight_decay: 1e-5);
        _grey = rand(256, 1, 28, 28);
        _greyB = rand(256, 1, 28, 28);
        _rgb = rand(64, 3, 32, 32);
    }

    /// <summary>smallconv (grey, 256 x 1 x 28 x 28): forward + backward.</summary>
    [Benchmark]
    public float SmallConv_256x1x28x28_ForwardBackward() => Step(_small, _grey);

    /// <summary>resnet18-cifar (64 x 3 x 32 x 32): forward + backward.</summary>
    [Benchmark]
    public float ResNet18Cifar_64x3x32x32_ForwardBackward() => Step(_cifar, _rgb);

    /// <summary>SPQ step on smallconv: two views of 256 grey images, 32-bit head, CQC loss, backward, Adam.</summary>
    [Benchmark]
    public float SmallConv_Spq32_TwoViews256_Step()
    {
        using var scope = NewDisposeScope();
        _adam.zero_grad();
        var (xa, za) = _head.call(_small.call(_grey));
        var (xb, zb) = _head.call(_small.call(_greyB));
        var loss = _cqc.call(xa, xb, za, zb);
        loss.backward();
        _adam.step();
        return loss.item<float>();
    }

    /// <summary>Frees the models.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _small.Dispose();
        _cifar.Dispose();
        _head.Dispose();
        _grey.Dispose();
        _greyB.Dispose();
        _rgb.Dispose();
    }

    private static float Step(Backbone net, Tensor input)
    {
        using var scope = NewDisposeScope();
        net.zero_grad();
        var output = net.call(input);
        var loss = output.square().mean();
        loss.backward();
        return loss.item<float>();
    }
}
