using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Models.Layers;

/// <summary>
/// MoCo's "split batch norm" (UCDIR's key encoder, papers.md 1.2 / 1.12): simulates the
/// per-GPU batch statistics of S-GPU shuffled BN on one device. In training mode the batch
/// <c>[N, C, H, W]</c> (N divisible by S) is viewed as <c>[N/S, S·C, H, W]</c>, so split s holds the
/// samples n with n mod S = s; each split is normalised with its own batch statistics and
/// the shared affine parameters, each split updates its own copy of the running statistics,
/// and the running mean / var become the average of the S copies. In eval mode (or without
/// running statistics) it is plain <c>BatchNorm2d</c>. Parameter and buffer names equal
/// BatchNorm2d's (<c>weight, bias, running_mean, running_var, num_batches_tracked</c>), so
/// state dicts are interchangeable. With S = 1 it equals BatchNorm2d.
/// </summary>
public sealed class SplitBatchNorm2d : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight")] private readonly Parameter _weight;
    [ComponentName(Name = "bias")] private readonly Parameter _bias;
    [ComponentName(Name = "running_mean")] private readonly Tensor _runningMean;
    [ComponentName(Name = "running_var")] private readonly Tensor _runningVar;
    [ComponentName(Name = "num_batches_tracked")] private readonly Tensor _numBatchesTracked;

    /// <summary>Creates the layer (weight 1, bias 0, running mean 0, running var 1).</summary>
    /// <param name="features">Channels C.</param>
    /// <param name="splits">S ≥ 1, the number of simulated devices (UCDIR/MoCo use 2 on one GPU).</param>
    /// <param name="eps">Added to the variance (1e-5, torch's default).</param>
    /// <param name="momentum">Running-statistics momentum (0.1, torch's default).</param>
    public SplitBatchNorm2d(long features, int splits, double eps = 1e-5, double momentum = 0.1) : base(nameof(SplitBatchNorm2d))
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), features, "Need at least one channel.");
        if (splits < 1) throw new ArgumentOutOfRangeException(nameof(splits), splits, "Splits must be ≥ 1 (1 = plain batch norm).");
        Features = features;
        Splits = splits;
        Eps = eps;
        Momentum = momentum;
        _weight = nn.Parameter(ones(features));
        _bias = nn.Parameter(zeros(features));
        _runningMean = zeros(features);
        _runningVar = ones(features);
        _numBatchesTracked = tensor(0L);
        RegisterComponents();
    }

    /// <summary>Channels C.</summary>
    public long Features { get; }

    /// <summary>Number of splits S.</summary>
    public int Splits { get; }

    /// <summary>Variance epsilon.</summary>
    public double Eps { get; }

    /// <summary>Running-statistics momentum.</summary>
    public double Momentum { get; }

    /// <summary>Affine scale γ <c>[C]</c>.</summary>
    public Parameter Weight => _weight;

    /// <summary>Affine shift β <c>[C]</c>.</summary>
    public Parameter Bias => _bias;

    /// <summary>Running mean <c>[C]</c>.</summary>
    public Tensor RunningMean => _runningMean;

    /// <summary>Running (unbiased) variance <c>[C]</c>.</summary>
    public Tensor RunningVar => _runningVar;

    /// <summary>Normalises <c>[N, C, H, W]</c>; in training N must be divisible by <see cref="Splits"/>.</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != Features)
        {
            throw new ArgumentException($"SplitBatchNorm2d expects [N, {Features}, H, W]; got [{string.Join(", ", input.shape)}].", nameof(input));
        }
        if (!training) return F.batch_norm(input, _runningMean, _runningVar, _weight, _bias, false, Momentum, Eps);

        long n = input.shape[0], c = input.shape[1], h = input.shape[2], w = input.shape[3];
        if (n % Splits != 0)
        {
            throw new ArgumentException($"SplitBatchNorm2d with {Splits} splits needs a batch size divisible by {Splits}; got {n}. Use drop_last batches of an even size.", nameof(input));
        }
        using (no_grad()) _numBatchesTracked.add_(1);
        if (Splits == 1) return F.batch_norm(input, _runningMean, _runningVar, _weight, _bias, true, Momentum, Eps);

        using var meanSplit = _runningMean.repeat(Splits);
        using var varSplit = _runningVar.repeat(Splits);
        using var weight = _weight.repeat(Splits);
        using var bias = _bias.repeat(Splits);
        using var folded = input.view(n / Splits, c * Splits, h, w);
        using var normalised = F.batch_norm(folded, meanSplit, varSplit, weight, bias, true, Momentum, Eps);
        using (no_grad())
        {
            using var m = meanSplit.view(Splits, c).mean([0]);
            using var v = varSplit.view(Splits, c).mean([0]);
            _runningMean.copy_(m);
            _runningVar.copy_(v);
        }
        return normalised.view(n, c, h, w);
    }
}
