namespace Workbench.Tests;

/// <summary>
/// Tests that seed torch's process-global generator and compare what it draws. xunit runs other
/// test classes in parallel, and any of them drawing from the global generator in between would
/// change the draw; this collection runs with nothing else in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRngCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "global torch RNG";
}
