using TorchSharp;

namespace Workbench.Data;

/// <summary>
/// A view of chosen images of another dataset (no pixels copied). Labels keep their class ids
/// unless a label map is given, in which case <see cref="ClassNames"/> lists only the kept classes.
/// </summary>
public sealed class SubsetImageDataset : IImageDataset
{
    private readonly IImageDataset _source;
    private readonly int[] _indices;

    /// <summary>A view of <paramref name="source"/> at <paramref name="indices"/> (in that order).</summary>
    /// <param name="source">The underlying dataset.</param>
    /// <param name="indices">Indices into <paramref name="source"/>; repeats are allowed.</param>
    /// <param name="name">Name of the view (default: the source's name).</param>
    /// <param name="labelMap">Optional map from source class id to new class id (-1 for classes that cannot occur), with <paramref name="classNames"/>.</param>
    /// <param name="classNames">Class names after mapping (required with <paramref name="labelMap"/>).</param>
    public SubsetImageDataset(IImageDataset source, IReadOnlyList<int> indices, string? name = null,
        IReadOnlyList<long>? labelMap = null, IReadOnlyList<string>? classNames = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _indices = [.. indices];
        foreach (int k in _indices)
            if ((uint)k >= (uint)source.Count) throw new ArgumentOutOfRangeException(nameof(indices), k, $"Index {k} is outside [0, {source.Count}) of {source.Name}.");
        Name = name ?? source.Name;
        if ((labelMap is null) != (classNames is null)) throw new ArgumentException("A label map needs its class names, and the other way round.");
        var labels = new long[_indices.Length];
        var domains = new int[_indices.Length];
        for (int i = 0; i < _indices.Length; i++)
        {
            long y = source.Labels[_indices[i]];
            labels[i] = labelMap is null ? y : labelMap[(int)y];
            domains[i] = source.Domains[_indices[i]];
        }
        Labels = labels;
        Domains = domains;
        ClassNames = classNames ?? source.ClassNames;
        DatasetChecks.Validate(this, _indices.Length);
    }

    /// <summary>The dataset this view reads from.</summary>
    public IImageDataset Source => _source;

    /// <summary>The source indices of this view's images.</summary>
    public IReadOnlyList<int> SourceIndices => _indices;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Count => _indices.Length;

    /// <inheritdoc/>
    public int Channels => _source.Channels;

    /// <inheritdoc/>
    public int Height => _source.Height;

    /// <inheritdoc/>
    public int Width => _source.Width;

    /// <inheritdoc/>
    public IReadOnlyList<long> Labels { get; }

    /// <inheritdoc/>
    public IReadOnlyList<int> Domains { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> DomainNames => _source.DomainNames;

    /// <inheritdoc/>
    public torch.Tensor LoadImages(ReadOnlySpan<int> indices)
    {
        var mapped = new int[indices.Length];
        for (int i = 0; i < mapped.Length; i++)
        {
            int k = indices[i];
            if ((uint)k >= (uint)_indices.Length) throw new ArgumentOutOfRangeException(nameof(indices), k, $"Index {k} is outside [0, {Count}) of {Name}.");
            mapped[i] = _indices[k];
        }
        return _source.LoadImages(mapped);
    }
}
