using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Execution;

/// <summary>Error outputs in the nbformat shape; the first traceback line names the cell.</summary>
internal static class Errors
{
    public static ErrorOutput Simple(string name, string message, string label, params string[] details) =>
        new(name, message, [$"{name} in {label}: {message}", .. details]);

    public static ErrorOutput FromException(Exception e, string label)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        var lines = new List<string> { $"{e.GetType().Name} in {label}: {e.Message}" };
        lines.AddRange(e.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'));
        return new ErrorOutput(e.GetType().Name, e.Message, lines);
    }

    public static ErrorOutput Compilation(ImmutableArray<Diagnostic> errors, string label)
    {
        var lines = errors.Select(Describe).ToList();
        lines.Insert(0, $"CompilationError in {label}:");
        return new ErrorOutput("CompilationError", Describe(errors[0]), lines);
    }

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        string file = d.Location.SourceTree?.FilePath is { Length: > 0 } f ? Path.GetFileName(f) : "";
        string where = span.IsValid ? $"{file}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})" : file;
        return $"{where}: error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}".TrimStart(':', ' ');
    }
}
