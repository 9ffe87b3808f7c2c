using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Models.Moco;

/// <summary>
/// One domain's memory bank (official UCDIR, papers.md 1.2): one row per training image id, <c>[N_d, D]</c>,
/// holding that image's latest key feature. Filled at epoch 0 with the key encoder's evaluation
/// features of the whole domain; each step overwrites the rows of the batch's image ids with their fresh
/// keys (indexed by id, not a FIFO queue). The official code stores the transpose (D × N_d).
/// </summary>
public sealed class DomainMemoryBank : IDisposable
{
    private Tensor _features;

    /// <summary>A bank holding a detached copy of <paramref name="features"/> <c>[N, D]</c> (row i = image id i).</summary>
    public DomainMemoryBank(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Check(features);
        using var scope = NewDisposeScope();
        _features = features.detach().clone().DetachFromDisposeScope();
    }

    /// <summary>
    /// A bank of <paramref name="count"/> random unit vectors (MoCo's initialisation: normalised Gaussian columns),
    /// for code paths that fill the bank later with <see cref="Reset"/>.
    /// </summary>
    public static DomainMemoryBank Random(int count, int dimension, Generator generator, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        if (count < 1 || dimension < 1) throw new ArgumentException($"A memory bank needs N ≥ 1 and D ≥ 1; got {count} × {dimension}.");
        using var scope = NewDisposeScope();
        var r = nn.functional.normalize(randn(count, dimension, dtype: dtype, generator: generator), 2, 1).to(device ?? CPU);
        return new DomainMemoryBank(r);
    }

    /// <summary>The bank <c>[N, D]</c> (no gradient; mutated in place by <see cref="Update"/>).</summary>
    public Tensor Features => _features;

    /// <summary>Number of images N (rows).</summary>
    public int Count => (int)_features.shape[0];

    /// <summary>Feature dimension D.</summary>
    public int Dimension => (int)_features.shape[1];

    /// <summary>
    /// Writes <paramref name="keys"/> <c>[n, D]</c> into the rows <paramref name="ids"/> <c>[n]</c> (int64 image ids).
    /// A repeated id (the smaller domain's loader pads with random indices) keeps its last occurrence, on every device.
    /// </summary>
    /// <exception cref="ArgumentException">Shape mismatch or an id outside 0 … N−1.</exception>
    public void Update(Tensor ids, Tensor keys)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(keys);
        if (ids.dim() != 1 || keys.dim() != 2 || keys.shape[0] != ids.shape[0] || keys.shape[1] != Dimension)
            throw new ArgumentException($"Bank update needs ids [n] and keys [n, {Dimension}]; got [{string.Join(", ", ids.shape)}] and [{string.Join(", ", keys.shape)}].");
        if (ids.shape[0] == 0) return;
        using var grad = no_grad();
        using var scope = NewDisposeScope();
        long[] host = ids.to(ScalarType.Int64, CPU).data<long>().ToArray();
        var last = new Dictionary<long, int>(host.Length);
        for (int i = 0; i < host.Length; i++)
        {
            if (host[i] < 0 || host[i] >= Count)
                throw new ArgumentException($"Image id {host[i]} is outside this memory bank (0 … {Count - 1}). Are ids per domain?", nameof(ids));
            last[host[i]] = i;
        }
        var srcRows = last.Values.Select(v => (long)v).ToArray();
        var dstRows = last.Keys.ToArray();
        var rows = tensor(srcRows, device: keys.device);
        var source = keys.detach().index_select(0, rows).to(_features.dtype, _features.device);
        _features.index_copy_(0, tensor(dstRows, device: _features.device), source);
    }

    /// <summary>Overwrites the whole bank (epoch-0 fill with evaluation features <c>[N, D]</c>).</summary>
    public void Reset(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2 || features.shape[0] != Count || features.shape[1] != Dimension)
            throw new ArgumentException($"Expected features [{Count}, {Dimension}]; got [{string.Join(", ", features.shape)}].", nameof(features));
        using var grad = no_grad();
        _features.copy_(features.detach());
    }

    /// <summary>Disposes the bank tensor.</summary>
    public void Dispose() => _features.Dispose();

    private static void Check(Tensor features)
    {
        if (features.dim() != 2 || features.shape[0] < 1 || features.shape[1] < 1)
            throw new ArgumentException($"A memory bank needs features [N, D] with N, D ≥ 1; got [{string.Join(", ", features.shape)}].", nameof(features));
        if (!features.is_floating_point()) throw new ArgumentException($"Memory-bank features must be floating point; got {features.dtype}.", nameof(features));
    }
}
