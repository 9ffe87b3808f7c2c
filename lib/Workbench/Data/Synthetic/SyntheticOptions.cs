namespace Workbench.Data.Synthetic;

/// <summary>Size and seed of a <see cref="SyntheticImageSet"/>.</summary>
/// <param name="Classes">Number of shape classes, 2..10 (the first <c>Classes</c> of <see cref="SyntheticShape.Names"/>).</param>
/// <param name="Domains">Number of rendering styles, 1..4 (the first <c>Domains</c> of <see cref="SyntheticImageSet.DomainNames"/>).</param>
/// <param name="PerClassPerDomain">Images per (class, domain) pair.</param>
/// <param name="Size">Image side in pixels (at least 8).</param>
/// <param name="Seed">Seed; the same options give the same images, bit for bit.</param>
public sealed record SyntheticOptions(int Classes = 10, int Domains = 3, int PerClassPerDomain = 64, int Size = 32, long Seed = 0)
{
    /// <summary>Total number of images.</summary>
    public int Count => Classes * Domains * PerClassPerDomain;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad value.</summary>
    public void Validate()
    {
        if (Classes is < 2 or > 10) throw new ArgumentException($"Synthetic classes must be 2..10, got {Classes}.");
        if (Domains is < 1 or > 4) throw new ArgumentException($"Synthetic domains must be 1..4, got {Domains}.");
        if (PerClassPerDomain < 1) throw new ArgumentException($"Images per class and domain must be at least 1, got {PerClassPerDomain}.");
        if (Size < 8) throw new ArgumentException($"Synthetic image size must be at least 8, got {Size}.");
    }
}
