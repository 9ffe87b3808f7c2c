namespace Workbench.Notebooks.Execution;

/// <summary>What happened to one cell in a run.</summary>
public enum CellState
{
    /// <summary>Not run (markdown, or after a failure).</summary>
    NotRun,

    /// <summary>Ran without error.</summary>
    Succeeded,

    /// <summary>Raised, and was tagged <c>raises-exception</c>, so the run went on.</summary>
    RaisedAsExpected,

    /// <summary>Raised an exception or did not compile, or its process died while it ran.</summary>
    Failed,

    /// <summary>Exceeded its time limit.</summary>
    TimedOut,

    /// <summary>Belongs to another kernel (F#, PowerShell, …) and was skipped with a note.</summary>
    Skipped,
}
