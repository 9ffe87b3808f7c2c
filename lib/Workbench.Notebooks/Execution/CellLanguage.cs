namespace Workbench.Notebooks.Execution;

/// <summary>How the runner treats a code cell, from its kernel metadata and a leading <c>#!kernel</c> line.</summary>
public enum CellLanguage
{
    /// <summary>C# script, run by Roslyn.</summary>
    CSharp,

    /// <summary>An <c>#!html</c> cell: its text is shown as <c>text/html</c>.</summary>
    Html,

    /// <summary>Another kernel (F#, PowerShell, JavaScript, …): skipped with a note on stderr.</summary>
    OtherKernel,
}
