using TorchSharp;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Papers.Spq.Baselines;

/// <summary>
/// Random-hyperplane LSH (Charikar 2002, "sign random projections"): bit b of a vector x is
/// [ (x − μ)·w_b &gt; 0 ] with w_b ~ N(0, I) drawn from the seeded stream <c>spq/lsh</c> and μ the
/// training mean (pixels are all non-negative, so uncentred hyperplanes through the origin would give
/// nearly constant bits). Codes of B ≤ 64 bits are packed into one <see cref="ulong"/>, bit b = hyperplane b.
/// </summary>
public sealed class RandomHyperplaneLsh : IDisposable
{
    private readonly Tensor _mean;
    private readonly Tensor _planes;

    private RandomHyperplaneLsh(Tensor mean, Tensor planes, int bits)
    {
        _mean = mean;
        _planes = planes;
        Bits = bits;
    }

    /// <summary>B, the code length.</summary>
    public int Bits { get; }

    /// <summary>Input dimension D.</summary>
    public long Dimension => _planes.shape[0];

    /// <summary>The hyperplane normals <c>[D, B]</c>, float32.</summary>
    public Tensor Planes => _planes;

    /// <summary>Draws <paramref name="bits"/> hyperplanes for the training vectors <paramref name="train"/> <c>[N, D]</c> (only their mean is used).</summary>
    /// <exception cref="ArgumentException">Bits outside [1, 64] or training vectors that are not <c>[N, D]</c> floats.</exception>
    public static RandomHyperplaneLsh Fit(Tensor train, int bits, long seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (bits is < 1 or > 64) throw new ArgumentException($"LSH packs codes into 64-bit words: bits must be in [1, 64], got {bits}.", nameof(bits));
        if (train.dim() != 2 || !train.is_floating_point() || train.shape[0] < 1)
        {
            throw new ArgumentException($"Training vectors must be a non-empty float [N, D]; got {train.dtype} [{string.Join(", ", train.shape)}].", nameof(train));
        }
        using var generator = Seeding.NewGenerator("spq/lsh", seed);
        var planes = randn([train.shape[1], bits], ScalarType.Float32, generator: generator);
        using var mean64 = train.to(ScalarType.Float64, CPU).mean([0]);
        return new RandomHyperplaneLsh(mean64.to(ScalarType.Float32), planes, bits);
    }

    /// <summary>Codes of <paramref name="x"/> <c>[N, D]</c>: one <see cref="ulong"/> per row, bit b set when (x − μ)·w_b &gt; 0.</summary>
    public ulong[] Encode(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 2 || x.shape[1] != Dimension) throw new ArgumentException($"Vectors must be [N, {Dimension}]; got [{string.Join(", ", x.shape)}].", nameof(x));
        using var scope = NewDisposeScope();
        var signs = (x.to(ScalarType.Float32, CPU) - _mean).matmul(_planes).gt(0).to(ScalarType.Byte).contiguous();
        var bits = signs.data<byte>();
        int n = (int)x.shape[0], b = Bits;
        var codes = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            ulong code = 0;
            for (int j = 0; j < b; j++) code |= (ulong)bits[i * b + j] << j;
            codes[i] = code;
        }
        return codes;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _mean.Dispose();
        _planes.Dispose();
    }
}
