using Workbench.Notebooks.Execution;

// In namespace System (imported by every cell), as in .NET Interactive, so `x.Display()` needs no using.
namespace System;

/// <summary><c>x.Display()</c> and <c>"&lt;b&gt;…&lt;/b&gt;".DisplayAs("text/html")</c>, as in .NET Interactive.</summary>
public static class NotebookDisplayExtensions
{
    /// <summary>Shows a value as an output of the running cell.</summary>
    /// <param name="value">The value.</param>
    /// <param name="mimeTypes">MIME types to produce (default: the value's preferred ones).</param>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) =>
        NotebookContext.Display(value, mimeTypes.Length == 0 ? null : mimeTypes);

    /// <summary>Shows text that already is in <paramref name="mimeType"/> (e.g. HTML or Markdown).</summary>
    public static DisplayedValue DisplayAs(this string value, string mimeType) => NotebookContext.DisplayAs(value, mimeType);
}
