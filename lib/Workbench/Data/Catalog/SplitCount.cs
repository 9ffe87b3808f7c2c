namespace Workbench.Data.Catalog;

/// <summary>The size of one split of a dataset as loaded at its default options.</summary>
/// <param name="Split"><c>all</c>, <c>train</c> or <c>test</c>.</param>
/// <param name="Images">Images in the split.</param>
/// <param name="Classes">Classes in the split.</param>
public sealed record SplitCount(string Split, int Images, int Classes);
