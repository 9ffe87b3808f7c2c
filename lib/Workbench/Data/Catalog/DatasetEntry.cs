using Workbench.Data.Installation;

namespace Workbench.Data.Catalog;

/// <summary>One dataset of the <see cref="DatasetCatalog"/>: what it is, where it comes from, how to load and verify it.</summary>
/// <param name="Name">Catalog name (<c>fashion-mnist</c>, <c>emoji-office</c>, ...).</param>
/// <param name="Kind">Built in, installable, or a user folder.</param>
/// <param name="Description">One line: content, size, role in the workbench.</param>
/// <param name="Source">Where the images come from (package and version, or the official download page).</param>
/// <param name="Licence">Licence of the images.</param>
/// <param name="Pins">Packages to install (installable sets only).</param>
/// <param name="Expected">Verified counts at the default options and split All (null when not pinned).</param>
/// <param name="Loader">Loads the dataset with the given options.</param>
public sealed record DatasetEntry(string Name, DatasetKind Kind, string Description, string Source, string Licence,
    IReadOnlyList<PackagePin> Pins, ExpectedCounts? Expected, Func<DatasetOptions, IImageDataset> Loader)
{
    /// <summary>The command (or, for user folders, the steps) that provides this dataset.</summary>
    public string InstallHint(DataRoot root) => Kind switch
    {
        DatasetKind.Installable => InstallCommands.For(Name, root),
        DatasetKind.Builtin => "(built in, nothing to install)",
        _ => $"download it from {Source}, then point the workbench at it: {Loaders.UserFolder.WhereTo(Name).Replace("<data root>", root.Path, StringComparison.Ordinal)}",
    };
}
