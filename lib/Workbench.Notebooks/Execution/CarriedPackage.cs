namespace Workbench.Notebooks.Execution;

/// <summary>A NuGet package the runner's host was built with, as listed in its <c>*.deps.json</c>.</summary>
/// <param name="Name">Package id as written in the deps file.</param>
/// <param name="Version">Resolved version.</param>
/// <param name="Dependencies">Ids of the packages it depends on.</param>
/// <param name="AssemblyPaths">Full paths of its runtime assemblies (empty for meta-packages such as TorchSharp-cpu).</param>
/// <param name="IsDirect">True when a project of the host references it directly (these are listed in error messages).</param>
public sealed record CarriedPackage(string Name, string Version, IReadOnlyList<string> Dependencies, IReadOnlyList<string> AssemblyPaths, bool IsDirect);
