namespace Workbench.Notebooks.Execution;

/// <summary>One declaration of a notebook's <c>parameters</c> cell, e.g. <c>int epochs = 3;</c>.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Type">The C# type as the runner knows it (<c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>, <c>decimal</c>, <c>bool</c>, <c>string</c>), or the declared type's text when it cannot inject it.</param>
/// <param name="Default">The initializer as written.</param>
/// <param name="IsInjectable">True when the runner can assign a value of this type.</param>
public sealed record ParameterDeclaration(string Name, string Type, string Default, bool IsInjectable)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type} {Name} = {Default}";
}
