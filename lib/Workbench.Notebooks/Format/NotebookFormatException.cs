namespace Workbench.Notebooks.Format;

/// <summary>A file is not a notebook this model reads (not JSON, not nbformat 4, a malformed cell).</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong and where.</summary>
    public NotebookFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the parser error that caused it.</summary>
    public NotebookFormatException(string message, Exception inner) : base(message, inner)
    {
    }
}
