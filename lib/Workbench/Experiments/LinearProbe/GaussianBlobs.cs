using TorchSharp;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Experiments.LinearProbe;

/// <summary>
/// Seeded synthetic classification data: C class centres ~ N(0, separation²·I_D) and per class
/// samples = centre + N(0, spread²·I_D). Train and test share the centres. Features float32
/// <c>[N, D]</c>, labels int64 <c>[N]</c> (class-major order), all on one device.
/// </summary>
public sealed class GaussianBlobs : IDisposable
{
    private GaussianBlobs(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY)
    {
        TrainX = trainX;
        TrainY = trainY;
        TestX = testX;
        TestY = testY;
    }

    /// <summary>Training features <c>[C·trainPerClass, D]</c>.</summary>
    public Tensor TrainX { get; }

    /// <summary>Training labels <c>[C·trainPerClass]</c>.</summary>
    public Tensor TrainY { get; }

    /// <summary>Test features <c>[C·testPerClass, D]</c>.</summary>
    public Tensor TestX { get; }

    /// <summary>Test labels <c>[C·testPerClass]</c>.</summary>
    public Tensor TestY { get; }

    /// <summary>Generates the data from <paramref name="seed"/> (same seed → same tensors).</summary>
    public static GaussianBlobs Generate(int dimensions, int classes, int trainPerClass, int testPerClass, double separation, double spread, long seed, Device device)
    {
        using var scope = NewDisposeScope();
        using var g = Seeding.NewGenerator("linear-probe/data", seed);
        var centres = randn([classes, dimensions], generator: g) * separation;
        (Tensor X, Tensor Y) Sample(int perClass)
        {
            var y = arange(classes, dtype: int64).repeat_interleave(perClass);
            var x = centres.index_select(0, y) + randn([classes * perClass, dimensions], generator: g) * spread;
            return (x.to(device).DetachFromDisposeScope(), y.to(device).DetachFromDisposeScope());
        }
        var (trainX, trainY) = Sample(trainPerClass);
        var (testX, testY) = Sample(testPerClass);
        return new GaussianBlobs(trainX, trainY, testX, testY);
    }

    /// <summary>Disposes the tensors.</summary>
    public void Dispose()
    {
        TrainX.Dispose();
        TrainY.Dispose();
        TestX.Dispose();
        TestY.Dispose();
    }
}
