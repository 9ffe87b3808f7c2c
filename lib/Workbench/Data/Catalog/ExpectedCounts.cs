namespace Workbench.Data.Catalog;

/// <summary>The verified sizes of a dataset (at its default options), checked by <c>workbench data verify</c>.</summary>
/// <param name="Images">Total images.</param>
/// <param name="Classes">Number of classes.</param>
/// <param name="PerClass">Images per class id, or null when not pinned.</param>
/// <param name="PerDomain">Images per domain id, or null when not pinned.</param>
public sealed record ExpectedCounts(int Images, int Classes, IReadOnlyList<int>? PerClass = null, IReadOnlyList<int>? PerDomain = null)
{
    /// <summary>Every mismatch between <paramref name="dataset"/> and these counts, as readable lines (empty when all match).</summary>
    public IReadOnlyList<string> Compare(IImageDataset dataset)
    {
        var problems = new List<string>();
        if (dataset.Count != Images) problems.Add($"images: {dataset.Count}, expected {Images}");
        if (dataset.ClassNames.Count != Classes) problems.Add($"classes: {dataset.ClassNames.Count}, expected {Classes}");
        if (PerClass is not null)
        {
            var got = dataset.ClassCounts();
            for (int c = 0; c < Math.Min(got.Length, PerClass.Count); c++)
                if (got[c] != PerClass[c]) problems.Add($"class {c} ({dataset.ClassNames[c]}): {got[c]} images, expected {PerClass[c]}");
        }
        if (PerDomain is not null)
        {
            var got = dataset.DomainCounts();
            if (got.Length != PerDomain.Count) problems.Add($"domains: {got.Length}, expected {PerDomain.Count}");
            for (int d = 0; d < Math.Min(got.Length, PerDomain.Count); d++)
                if (got[d] != PerDomain[d]) problems.Add($"domain {d} ({dataset.DomainNames[d]}): {got[d]} images, expected {PerDomain[d]}");
        }
        return problems;
    }
}
