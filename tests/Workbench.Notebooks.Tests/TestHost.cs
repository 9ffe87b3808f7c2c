using System.Runtime.CompilerServices;
using Workbench.Runtime;

// The runner uses process-global state (Console, current directory, formatters): one notebook at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Workbench.Notebooks.Tests;

/// <summary>Loads TorchSharp's natives before any test touches torch.</summary>
internal static class TestHost
{
    [ModuleInitializer]
    internal static void Initialize() => TorchRuntime.EnsureLoaded();

    /// <summary>The repository root (the folder holding Workbench.sln).</summary>
    public static string RepoRoot => RepositoryRoot.OfRunningAssembly();
}
