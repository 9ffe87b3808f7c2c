namespace Workbench.Data.Catalog;

/// <summary>The outcome of <see cref="DatasetCatalog.Verify"/>.</summary>
/// <param name="Name">Dataset name.</param>
/// <param name="Images">Images loaded.</param>
/// <param name="Classes">Classes loaded.</param>
/// <param name="Domains">Domains loaded.</param>
/// <param name="Problems">Mismatches with the verified counts (empty = all match).</param>
/// <param name="HasExpectedCounts">False when the catalog pins no counts for this dataset (only loading was checked).</param>
/// <param name="LoadTime">Time to load.</param>
public sealed record VerificationResult(string Name, int Images, int Classes, int Domains, IReadOnlyList<string> Problems, bool HasExpectedCounts, TimeSpan LoadTime)
{
    /// <summary>True when the counts match (or none are pinned and the load succeeded).</summary>
    public bool Ok => Problems.Count == 0;
}
