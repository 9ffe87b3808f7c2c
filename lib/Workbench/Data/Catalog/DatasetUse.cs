namespace Workbench.Data.Catalog;

/// <summary>A dataset a run reads: its catalog name and, when the configuration gives one, the folder it is read from.</summary>
/// <param name="Name">Catalog name (<c>fashion-mnist</c>, <c>emoji-office</c>, ...).</param>
/// <param name="Path">Folder from the configuration (null: the process's <see cref="DatasetLocations"/> entry, else the data root).</param>
public sealed record DatasetUse(string Name, string? Path = null);
