namespace Workbench.Experiments;

/// <summary>
/// A notebook parameter (<c>-p name=value</c>, or a value edited into the parameters cell) that the library refuses.
/// <c>workbench notebook run</c> reports it as bad parameters (exit 2), not as a failing cell.
/// </summary>
public sealed class NotebookParameterException : ArgumentException
{
    /// <summary>Creates the exception for parameter <paramref name="name"/>; the message says what is allowed and what to do.</summary>
    public NotebookParameterException(string name, string message) : base(message) => Name = name;

    /// <summary>The parameter's name in the notebook's parameters cell.</summary>
    public string Name { get; }
}
