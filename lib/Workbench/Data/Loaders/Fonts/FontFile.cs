namespace Workbench.Data.Loaders.Fonts;

/// <summary>A font file of the <c>fonts</c> dataset.</summary>
/// <param name="Path">Absolute path of the file.</param>
/// <param name="Package">Debian package it came from.</param>
/// <param name="Style">Its style domain.</param>
public sealed record FontFile(string Path, string Package, FontStyle Style);
