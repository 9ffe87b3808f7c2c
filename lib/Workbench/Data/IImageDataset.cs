using TorchSharp;

namespace Workbench.Data;

/// <summary>
/// A labelled image set: <see cref="Count"/> images of <see cref="Channels"/> x <see cref="Height"/> x
/// <see cref="Width"/> bytes, each with a class id and a domain id. Every loader, the synthetic set
/// and every view (subset, by domain, by class) implement it.
/// </summary>
/// <remarks>
/// Labels are used for evaluation and class-balanced sampling only; unsupervised methods never read
/// them for training. Implementations must be safe for concurrent <see cref="LoadImages"/> calls.
/// Use <see cref="ImageDatasetExtensions.LoadFloat"/> for float batches in [0, 1].
/// </remarks>
public interface IImageDataset
{
    /// <summary>Name for reports and manifests, e.g. <c>fashion-mnist/train</c>.</summary>
    string Name { get; }

    /// <summary>Number of images.</summary>
    int Count { get; }

    /// <summary>Channels per image: 1 (grey) or 3 (RGB).</summary>
    int Channels { get; }

    /// <summary>Image height in pixels.</summary>
    int Height { get; }

    /// <summary>Image width in pixels.</summary>
    int Width { get; }

    /// <summary>Class id per image, in <c>[0, ClassNames.Count)</c>.</summary>
    IReadOnlyList<long> Labels { get; }

    /// <summary>Domain id per image, in <c>[0, DomainNames.Count)</c>; all 0 for a single-domain set.</summary>
    IReadOnlyList<int> Domains { get; }

    /// <summary>Class names, indexed by class id.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Domain names, indexed by domain id (one entry for a single-domain set).</summary>
    IReadOnlyList<string> DomainNames { get; }

    /// <summary>The images at <paramref name="indices"/>, in that order: uint8 <c>[B, C, H, W]</c> on the CPU.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside <c>[0, Count)</c>.</exception>
    torch.Tensor LoadImages(ReadOnlySpan<int> indices);
}
