using System.Reflection;
using System.Runtime.Loader;

namespace Workbench.Runtime;

/// <summary>
/// Lets the workbench run inside a host that has already loaded an older FSharp.Core of the same
/// major version — the .NET Interactive tool 1.0.712001 ships FSharp.Core 10.0.0.0, while
/// Plotly.NET 6.0.0 (charts) is compiled against 10.1.0.0 (package 10.1.403). The tool's load
/// context cannot load a second FSharp.Core, so without this every chart cell fails with
/// <c>FileNotFoundException: FSharp.Core, Version=10.1.0.0</c>.
/// </summary>
/// <remarks>
/// <para><see cref="Install"/> adds a <see cref="AssemblyLoadContext.Resolving"/> handler to the
/// context that holds this library (and to the default context): a request for FSharp.Core that
/// the context could not satisfy is answered with the FSharp.Core that context has already
/// loaded, when its major version equals the requested one. The handler runs only after normal
/// binding failed, so in a process that carries FSharp.Core 10.1 (the CLI, the tests) it never
/// fires.</para>
/// <para>Why this is safe: FSharp.Core keeps binary compatibility within a major version (new
/// members are added, none removed), and every FSharp.Core type and member that Plotly.NET 6.0.0,
/// Plotly.NET.CSharp 0.14.0 and this library reference exists in FSharp.Core 10.0 — checked member
/// by member by <c>FSharpCoreBindingTests</c> against the tool's FSharp.Core. A different major
/// version is never substituted.</para>
/// </remarks>
public static class FSharpCoreBinding
{
    /// <summary>The simple name of the F# core library.</summary>
    public const string AssemblyName = "FSharp.Core";

    private static int _installed;

    /// <summary>Installs the binding once per process (idempotent, thread-safe).</summary>
    /// <returns>True when this call installed it, false when it already was.</returns>
    public static bool Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return false;
        var own = AssemblyLoadContext.GetLoadContext(typeof(FSharpCoreBinding).Assembly) ?? AssemblyLoadContext.Default;
        own.Resolving += Resolve;
        if (!ReferenceEquals(own, AssemblyLoadContext.Default)) AssemblyLoadContext.Default.Resolving += Resolve;
        return true;
    }

    /// <summary>
    /// The resolution rule: for an FSharp.Core request, the FSharp.Core already loaded in
    /// <paramref name="context"/> when its major version equals the requested one; otherwise null
    /// (the load fails as it would have).
    /// </summary>
    /// <param name="context">The load context that failed to bind the request.</param>
    /// <param name="requested">The requested assembly.</param>
    public static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requested);
        if (!string.Equals(requested.Name, AssemblyName, StringComparison.OrdinalIgnoreCase)) return null;
        var loaded = context.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, AssemblyName, StringComparison.OrdinalIgnoreCase));
        if (loaded?.GetName().Version is not { } have) return null;
        return requested.Version is null || requested.Version.Major == have.Major ? loaded : null;
    }
}
