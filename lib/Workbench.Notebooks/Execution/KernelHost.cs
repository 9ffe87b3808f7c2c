using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// The kernel a notebook runs in: a <see cref="CompositeKernel"/> holding the .NET Interactive
/// <see cref="CSharpKernel"/> (default, aliases <c>c#</c>, <c>C#</c>) and the <see cref="HtmlKernel"/>,
/// set up as the <c>dotnet-interactive</c> tool sets up its Jupyter kernel: <c>#r "nuget: …"</c>
/// restores packages and adds their assemblies, <c>display()</c>/<c>HTML()</c> are in scope
/// (kernel helpers), and values are formatted as <c>text/html</c> except strings (plain text).
/// </summary>
internal static class KernelHost
{
    /// <summary>Kernel names this host runs; other kernels' cells (F#, PowerShell, …) are skipped with a note.</summary>
    public static readonly IReadOnlySet<string> Hosted = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "html" };

    /// <summary>Creates a fresh kernel; formatter settings are process-global and reset to the tool's defaults.</summary>
    public static CompositeKernel Create()
    {
        Formatter.ResetToDefault();
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, resolved) =>
            {
                kernel.AddAssemblyReferences(resolved.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseValueSharing();
        var composite = new CompositeKernel();
        composite.Add(csharp, ["c#", "C#"]);
        composite.Add(new HtmlKernel());
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    /// <summary>The kernel a cell is sent to (<c>csharp</c> or <c>html</c>), or null when this host does not run it.</summary>
    public static string? TargetOf(string kernelName) => kernelName.ToLowerInvariant() switch
    {
        "csharp" or "c#" => "csharp",
        "html" => "html",
        _ => null,
    };
}
