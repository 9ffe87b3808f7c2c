using Microsoft.AspNetCore.Html;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// Members every notebook cell can call without a prefix, as in the .NET Interactive C# kernel
/// (<c>using static Microsoft.DotNet.Interactive.Kernel</c>): <c>display(…)</c> and <c>HTML(…)</c>.
/// </summary>
public sealed class ScriptGlobals
{
    /// <summary>Shows a value as an output of the running cell.</summary>
    /// <param name="value">Any value; charts, tables, tensors and images get the workbench's formats.</param>
    /// <param name="mimeTypes">MIME types to produce (default: the value's preferred ones, plus <c>text/plain</c>).</param>
    public DisplayedValue display(object? value, params string[] mimeTypes) =>
        NotebookContext.Display(value, mimeTypes.Length == 0 ? null : mimeTypes);

    /// <summary>Marks <paramref name="content"/> as HTML, so returning or displaying it renders it.</summary>
    public IHtmlContent HTML(string content) => new HtmlString(content);
}
