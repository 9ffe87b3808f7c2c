namespace Workbench.Notebooks.Execution;

/// <summary>A <c>#r "nuget: Name, Version"</c> directive.</summary>
/// <param name="Name">Package id.</param>
/// <param name="Version">Version as written, or null when the directive pins none.</param>
/// <param name="Line">Zero-based line of the directive in its cell.</param>
public sealed record NugetReference(string Name, string? Version, int Line);
