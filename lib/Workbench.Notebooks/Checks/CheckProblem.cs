namespace Workbench.Notebooks.Checks;

/// <summary>One reason a committed notebook is not clean.</summary>
/// <param name="File">The notebook file.</param>
/// <param name="Cell">The cell id (or <c>#index</c> when it has none), or null for the whole notebook.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record CheckProblem(string File, string? Cell, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Cell is null ? $"{File}: {Message}" : $"{File}: cell {Cell}: {Message}";
}
