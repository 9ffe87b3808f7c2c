using System.Runtime.CompilerServices;
using Workbench.Runtime;

namespace Workbench.Tests;

/// <summary>Loads TorchSharp's natives before any test touches torch.</summary>
internal static class TestHost
{
    [ModuleInitializer]
    internal static void Initialize() => TorchRuntime.EnsureLoaded();

    /// <summary>The repository root (the folder holding Workbench.sln).</summary>
    public static string RepoRoot => RepositoryRoot.OfRunningAssembly();
}
