using Workbench.Notebooks.Display;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// The cell that is running in this process, used by <c>display()</c>, <c>Console</c> and chart ids.
/// Process-global on purpose: notebooks run one per process (formatters and <c>Console</c> are process-global too).
/// </summary>
internal static class NotebookContext
{
    private static volatile CellOutputSink? _current;

    public static CellOutputSink? Current
    {
        get => _current;
        set => _current = value;
    }

    /// <summary>Formats <paramref name="value"/> and appends it as a <c>display_data</c> output of the running cell.</summary>
    public static DisplayedValue Display(object? value, IReadOnlyList<string>? mimeTypes)
    {
        var sink = RequireCell();
        sink.Add(new DisplayDataOutput(OutputFormatter.Format(value, mimeTypes, sink.NextChartId)));
        return new DisplayedValue(mimeTypes);
    }

    /// <summary>Appends content that is already in <paramref name="mimeType"/>.</summary>
    public static DisplayedValue DisplayAs(string content, string mimeType)
    {
        RequireCell().Add(new DisplayDataOutput(new MimeBundle().Set(mimeType, content)));
        return new DisplayedValue([mimeType]);
    }

    private static CellOutputSink RequireCell() => Current
        ?? throw new InvalidOperationException("display() works only while a notebook cell runs (in the workbench runner or in Polyglot Notebooks).");
}
