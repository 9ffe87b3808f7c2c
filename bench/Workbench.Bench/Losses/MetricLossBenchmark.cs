using BenchmarkDotNet.Attributes;
using TorchSharp;
using Workbench.Losses.MetricLearning;
using Workbench.Losses.MetricLearning.FacilityLocation;
using static TorchSharp.torch;

namespace Workbench.Bench.Losses;

/// <summary>
/// Forward + backward of each metric-learning loss on one training batch: m = 128 L2-normalised
/// 64-d float32 embeddings on the CPU, C/m = 0.25 (32 classes × 4; N-pair-mc gets 64 × 2).
/// </summary>
[MemoryDiagnoser]
public class MetricLossBenchmark
{
    private Tensor _embeddings = null!;
    private Tensor _labels = null!;
    private MetricLoss _loss = null!;

    /// <summary>Which loss.</summary>
    [Params("contrastive", "triplet-semihard", "lifted", "npair-mc", "facility-location")]
    public string Loss { get; set; } = "";

    /// <summary>Torch intra-op threads (1 keeps OpenMP from spinning on a shared machine).</summary>
    [Params(1)]
    public int Threads { get; set; }

    /// <summary>Builds the batch and the loss.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(3);
        int classes = Loss == "npair-mc" ? 64 : 32;
        using var raw = torch.randn(128, 64);
        _embeddings = nn.functional.normalize(raw, dim: 1).detach();
        _labels = torch.arange(128, dtype: ScalarType.Int64).remainder(classes);
        _loss = Loss switch
        {
            "contrastive" => new ContrastiveLoss(),
            "triplet-semihard" => new TripletLoss(),
            "lifted" => new LiftedStructuredLoss(),
            "npair-mc" => new NPairMcLoss(),
            _ => new FacilityLocationLoss(GammaSchedule.Constant(1.0)),
        };
    }

    /// <summary>Loss and gradient with respect to the embeddings.</summary>
    [Benchmark]
    public double ForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        var x = _embeddings.clone().requires_grad_(true);
        var value = _loss.forward(x, _labels);
        value.backward();
        return value.item<float>();
    }

    /// <summary>Releases the tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _loss.Dispose();
        _embeddings.Dispose();
        _labels.Dispose();
    }
}
