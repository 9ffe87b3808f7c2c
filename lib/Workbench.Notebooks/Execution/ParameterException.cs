namespace Workbench.Notebooks.Execution;

/// <summary>A <c>-p name=value</c> the notebook cannot take (unknown name, a value of the wrong type, no parameters cell). Nothing has run.</summary>
public sealed class ParameterException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong and what the notebook declares.</summary>
    public ParameterException(string message) : base(message)
    {
    }
}
