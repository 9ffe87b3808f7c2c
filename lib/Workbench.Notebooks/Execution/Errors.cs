using Microsoft.DotNet.Interactive.Events;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Execution;

/// <summary>Error outputs in the nbformat shape; the first traceback line names the cell.</summary>
internal static class Errors
{
    public static ErrorOutput Simple(string name, string message, string label, params string[] details) =>
        new(name, message, [$"{name} in {label}: {message}", .. details]);

    /// <summary>
    /// The error of a failed submission: an exception keeps its type name and stack trace;
    /// a compilation failure (no exception) is named <c>CompilationError</c> and lists the diagnostics.
    /// </summary>
    public static ErrorOutput FromFailure(CommandFailed failed, string label)
    {
        if (failed.Exception is { } e && e.GetType().Name != "CodeSubmissionCompilationErrorException")
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
            var lines = new List<string> { $"{e.GetType().Name} in {label}: {e.Message}" };
            lines.AddRange(e.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'));
            return new ErrorOutput(e.GetType().Name, e.Message, lines);
        }
        string[] messages = (failed.Message ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string first = messages.FirstOrDefault() ?? "the kernel reported a failure without a message";
        bool compile = messages.Any(m => m.Contains(": error CS", StringComparison.Ordinal));
        string name = compile ? "CompilationError" : "Error";
        return new ErrorOutput(name, first, [$"{name} in {label}:", .. messages]);
    }
}
