using System.Runtime.CompilerServices;

namespace Workbench.Runtime;

/// <summary>
/// Hooks TorchSharp's assembly load so that <see cref="TorchRuntime.EnsureLoaded"/> runs before
/// TorchSharp's first native call in any host that touches <c>Workbench.dll</c>.
/// </summary>
internal static class TorchRuntimeInitializer
{
#pragma warning disable CA2255 // a library initializer is the point: it must run before TorchSharp's first native call in any host
    [ModuleInitializer]
    internal static void Initialize()
#pragma warning restore CA2255
    {
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
        {
            if (e.LoadedAssembly.GetName().Name == "TorchSharp") TryEnsureLoaded();
        };
        if (AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "TorchSharp")) TryEnsureLoaded();
    }

    // A failure here is reported again, with its message, by the next explicit EnsureLoaded call
    // or by TorchSharp itself; an exception thrown from a module initializer would hide it.
    private static void TryEnsureLoaded()
    {
        if (TorchRuntime.IsLoading) return;
        try
        {
            TorchRuntime.EnsureLoaded();
        }
        catch (TorchRuntimeException)
        {
        }
    }
}
