using TorchSharp;

namespace Workbench.Data;

/// <summary>
/// An <see cref="IImageDataset"/> holding every image in one uint8 <c>[N, C, H, W]</c> CPU tensor.
/// The right choice up to a few hundred MB (Fashion-MNIST's 70k images are 55 MB).
/// </summary>
public sealed class InMemoryImageDataset : IImageDataset, IDisposable
{
    private readonly torch.Tensor _images;

    /// <summary>Wraps <paramref name="images"/> (uint8 <c>[N, C, H, W]</c>; moved to the CPU and kept, the caller may dispose its own handle).</summary>
    /// <exception cref="ArgumentException">Wrong dtype or rank, or label/domain counts that do not match N, or ids out of range.</exception>
    public InMemoryImageDataset(string name, torch.Tensor images, IReadOnlyList<long> labels, IReadOnlyList<string> classNames,
        IReadOnlyList<int>? domains = null, IReadOnlyList<string>? domainNames = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dtype != torch.ScalarType.Byte || images.dim() != 4)
            throw new ArgumentException($"Images must be a uint8 [N,C,H,W] tensor, got {images.dtype} with shape [{string.Join(",", images.shape)}].", nameof(images));
        int n = (int)images.shape[0];
        Name = name;
        var own = images.to(torch.CPU).contiguous().alias();
        own.DetachFromDisposeScope();
        _images = own;
        Channels = (int)images.shape[1];
        Height = (int)images.shape[2];
        Width = (int)images.shape[3];
        Labels = labels;
        ClassNames = classNames;
        Domains = domains ?? new int[n];
        DomainNames = domainNames ?? [name];
        DatasetChecks.Validate(this, n);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Count => Labels.Count;

    /// <inheritdoc/>
    public int Channels { get; }

    /// <inheritdoc/>
    public int Height { get; }

    /// <inheritdoc/>
    public int Width { get; }

    /// <inheritdoc/>
    public IReadOnlyList<long> Labels { get; }

    /// <inheritdoc/>
    public IReadOnlyList<int> Domains { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> DomainNames { get; }

    /// <summary>The whole image tensor, uint8 <c>[N, C, H, W]</c> (shared, do not dispose).</summary>
    public torch.Tensor Images => _images;

    /// <inheritdoc/>
    public torch.Tensor LoadImages(ReadOnlySpan<int> indices)
    {
        var idx = new long[indices.Length];
        for (int i = 0; i < idx.Length; i++)
        {
            int k = indices[i];
            if ((uint)k >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), k, $"Index {k} is outside [0, {Count}) of {Name}.");
            idx[i] = k;
        }
        using var t = torch.tensor(idx, torch.int64);
        return _images.index_select(0, t);
    }

    /// <summary>Releases the image tensor.</summary>
    public void Dispose() => _images.Dispose();
}
