namespace Workbench.Notebooks.Execution;

/// <summary>How a notebook run ended; the value is the process exit code of <c>workbench notebook run</c>.</summary>
public enum RunStatus
{
    /// <summary>Every cell ran (cells tagged <c>raises-exception</c> may have raised).</summary>
    Succeeded = 0,

    /// <summary>A cell raised an exception or did not compile; later cells were not run.</summary>
    CellFailed = 1,

    /// <summary>A parameter was unknown, of the wrong type, or refused by the library's check after the parameters cell (<c>NotebookParameters</c>); no work ran.</summary>
    BadParameters = 2,

    /// <summary>A cell, or the whole run, exceeded its time limit.</summary>
    TimedOut = 124,
}
