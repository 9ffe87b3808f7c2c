namespace Workbench.Notebooks.Execution;

/// <summary>Settings of one notebook run.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Parameter values by name, as given on the command line (<c>-p name=value</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Limit for one cell's run time; null for none.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Limit for the whole run; null for none.</summary>
    public TimeSpan? RunTimeout { get; init; }

    /// <summary>Go on after a failing cell (the status is still <see cref="RunStatus.CellFailed"/>).</summary>
    public bool AllowErrors { get; init; }

    /// <summary>Receives each cell's start, outputs and end as they happen (a journal for crash reports); null for none.</summary>
    public INotebookRunObserver? Observer { get; init; }

    /// <summary>Where progress lines go (one per cell); null for none.</summary>
    public TextWriter? Log { get; init; }
}
