namespace Workbench.Data;

/// <summary>One image file of a <see cref="FileImageDataset"/>: its path, class id and domain id.</summary>
/// <param name="Path">Absolute path of the image file.</param>
/// <param name="Label">Class id.</param>
/// <param name="Domain">Domain id (0 for single-domain sets).</param>
public readonly record struct ImageFileEntry(string Path, long Label, int Domain = 0);
