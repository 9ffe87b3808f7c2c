using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// MoCo's "split" batch norm for the key encoder (papers.md 1.2, 1.12): in training mode the batch
/// <c>[N, C, H, W]</c> is normalised in <see cref="Splits"/> independent groups — sample i belongs to group
/// i mod splits, as in the official <c>input.view(-1, C·splits, H, W)</c> — and the running statistics are
/// the average of the groups' updated copies. Evaluation mode is plain batch norm with those statistics.
/// Together with <see cref="KeyBatchShuffle"/> this simulates multi-GPU shuffled BN on one device.
/// </summary>
/// <remarks>Parameter and buffer names (<c>weight</c>, <c>bias</c>, <c>running_mean</c>, <c>running_var</c>,
/// <c>num_batches_tracked</c>) are those of BatchNorm2d, so torchvision-named checkpoints load. As in the
/// official module, <c>num_batches_tracked</c> is kept but not advanced.</remarks>
public sealed class SplitBatchNorm2d : nn.Module<Tensor, Tensor>
{

    /// <summary>Creates the layer.</summary>
    /// <param name="features">Channels C.</param>
    /// <param name="splits">Groups the training batch is split into (official: 2); must divide the batch size.</param>
    /// <param name="eps">Added to the variance (1e-5).</param>
    /// <param name="momentum">Running-statistics momentum (0.1).</param>
    /// <param name="device">Device of the parameters.</param>
    public SplitBatchNorm2d(long features, int splits = 2, double eps = 1e-5, double momentum = 0.1, Device? device = null)
        : base(nameof(SplitBatchNorm2d))
    {
        if (features < 1) throw new ArgumentException($"features must be ≥ 1; got {features}.", nameof(features));
        if (splits < 1) throw new ArgumentException($"splits must be ≥ 1; got {splits}.", nameof(splits));
        Features = features;
        Splits = splits;
        Eps = eps;
        Momentum = momentum;
        // Looked up by name on every use (not cached in fields): Module.to(...) replaces registered tensors.
        register_parameter("weight", new Parameter(ones(features, device: device)));
        register_parameter("bias", new Parameter(zeros(features, device: device)));
        register_buffer("running_mean", zeros(features, device: device));
        register_buffer("running_var", ones(features, device: device));
        register_buffer("num_batches_tracked", zeros(1, dtype: ScalarType.Int64, device: device).squeeze());
    }

    /// <summary>Channels C.</summary>
    public long Features { get; }

    /// <summary>Number of groups in training mode.</summary>
    public int Splits { get; }

    /// <summary>Variance epsilon.</summary>
    public double Eps { get; }

    /// <summary>Running-statistics momentum.</summary>
    public double Momentum { get; }

    /// <summary>Running mean <c>[C]</c>.</summary>
    public Tensor RunningMean => get_buffer("running_mean")!;

    /// <summary>Running variance <c>[C]</c>.</summary>
    public Tensor RunningVar => get_buffer("running_var")!;

    private Parameter Weight => get_parameter("weight")!;

    private Parameter Bias => get_parameter("bias")!;

    /// <summary>Normalises <paramref name="input"/> <c>[N, C, H, W]</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != Features)
            throw new ArgumentException($"SplitBatchNorm2d expects [N, {Features}, H, W]; got [{string.Join(", ", input.shape)}].", nameof(input));
        if (!training)
            return nn.functional.batch_norm(input, RunningMean, RunningVar, Weight, Bias, false, Momentum, Eps);
        long n = input.shape[0], c = input.shape[1], h = input.shape[2], w = input.shape[3];
        if (n % Splits != 0)
            throw new ArgumentException($"SplitBatchNorm2d needs a batch size divisible by {Splits}; got {n}. Use an even key batch (drop_last).", nameof(input));
        using var scope = NewDisposeScope();
        var runningMean = RunningMean;
        var runningVar = RunningVar;
        var mean = runningMean.repeat(Splits);
        var variance = runningVar.repeat(Splits);
        var output = nn.functional.batch_norm(
            input.contiguous().view(-1, c * Splits, h, w), mean, variance,
            Weight.repeat(Splits), Bias.repeat(Splits), true, Momentum, Eps).view(n, c, h, w);
        using (no_grad())
        {
            runningMean.copy_(mean.view(Splits, c).mean([0L]));
            runningVar.copy_(variance.view(Splits, c).mean([0L]));
        }
        return output.MoveToOuterDisposeScope();
    }
}
