using System.Collections.Concurrent;
using TorchSharp;
using Workbench.Imaging;

namespace Workbench.Data;

/// <summary>
/// An <see cref="IImageDataset"/> over image files (PNG, JPEG, ...) decoded on demand: each
/// <see cref="LoadImages"/> call decodes its batch in parallel (one task per image) and resizes with
/// <see cref="ImageResampler"/>. For large sets (Office-Home, DomainNet, CUB, Cars, SOP); wrap the
/// batch sequence in <see cref="BatchPrefetcher"/> to decode the next batches while one trains.
/// </summary>
public sealed class FileImageDataset : IImageDataset
{
    private readonly ImageFileEntry[] _entries;
    private readonly ConcurrentDictionary<int, byte[]>? _cache;
    private readonly int _maxParallel;

    /// <summary>Creates the dataset; no file is read until <see cref="LoadImages"/>.</summary>
    /// <param name="name">Dataset name.</param>
    /// <param name="entries">One entry per image.</param>
    /// <param name="classNames">Class names indexed by label.</param>
    /// <param name="domainNames">Domain names indexed by domain id (default: one domain named <paramref name="name"/>).</param>
    /// <param name="options">Output size, channels and resize policy.</param>
    /// <param name="cacheDecoded">Keep every decoded image in memory after its first load (C·H·W bytes each).</param>
    /// <param name="maxParallelism">Decoder threads per batch (default: the core count).</param>
    public FileImageDataset(string name, IReadOnlyList<ImageFileEntry> entries, IReadOnlyList<string> classNames,
        IReadOnlyList<string>? domainNames, ImageLoadOptions options, bool cacheDecoded = false, int? maxParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        options.Validate();
        Name = name;
        _entries = [.. entries];
        Options = options;
        ClassNames = classNames;
        DomainNames = domainNames ?? [name];
        Labels = Array.ConvertAll(_entries, e => e.Label);
        Domains = Array.ConvertAll(_entries, e => e.Domain);
        _cache = cacheDecoded ? new ConcurrentDictionary<int, byte[]>() : null;
        _maxParallel = maxParallelism ?? Environment.ProcessorCount;
        DatasetChecks.Validate(this, _entries.Length);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The decode and resize options.</summary>
    public ImageLoadOptions Options { get; }

    /// <summary>The files, in dataset order.</summary>
    public IReadOnlyList<ImageFileEntry> Entries => _entries;

    /// <inheritdoc/>
    public int Count => _entries.Length;

    /// <inheritdoc/>
    public int Channels => Options.Channels;

    /// <inheritdoc/>
    public int Height => Options.Height;

    /// <inheritdoc/>
    public int Width => Options.Width;

    /// <inheritdoc/>
    public IReadOnlyList<long> Labels { get; }

    /// <inheritdoc/>
    public IReadOnlyList<int> Domains { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> DomainNames { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">A file cannot be decoded; the message names it.</exception>
    public torch.Tensor LoadImages(ReadOnlySpan<int> indices)
    {
        int per = Channels * Height * Width;
        var idx = indices.ToArray();
        foreach (int k in idx)
            if ((uint)k >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), k, $"Index {k} is outside [0, {Count}) of {Name}.");
        var buffer = new byte[(long)idx.Length * per];
        Parallel.For(0, idx.Length, new ParallelOptions { MaxDegreeOfParallelism = _maxParallel },
            i => DecodeInto(idx[i], buffer.AsSpan(i * per, per)));
        return torch.tensor(buffer, [idx.Length, Channels, Height, Width]);
    }

    /// <summary>Decodes one image into <paramref name="chw"/> (C·H·W bytes).</summary>
    public void DecodeInto(int index, Span<byte> chw)
    {
        if (_cache is not null && _cache.TryGetValue(index, out var hit))
        {
            hit.CopyTo(chw);
            return;
        }
        var e = _entries[index];
        var image = ImageDecoder.DecodeFile(e.Path, Channels, Options.Background);
        image = Options.Resize switch
        {
            ResizeMode.Stretch => ImageResampler.Resize(image, Width, Height),
            ResizeMode.Fit => ImageResampler.FitCentered(image, Width, Height, Width, Height, Options.Background),
            _ => ImageResampler.CoverAndCenterCrop(image, Width, Height),
        };
        image.CopyToChw(chw);
        _cache?.TryAdd(index, chw.ToArray());
    }
}
