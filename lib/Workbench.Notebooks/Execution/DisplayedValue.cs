namespace Workbench.Notebooks.Execution;

/// <summary>
/// What <c>display(…)</c> returns. <see cref="Update"/> cannot change an output in place in a
/// headless run, so it appends a new output (the last one shows the final state).
/// </summary>
public sealed class DisplayedValue
{
    private readonly IReadOnlyList<string>? _mimeTypes;

    internal DisplayedValue(IReadOnlyList<string>? mimeTypes) => _mimeTypes = mimeTypes;

    /// <summary>Shows <paramref name="value"/> as a new output with the same MIME types as the first display.</summary>
    public void Update(object? value) => NotebookContext.Display(value, _mimeTypes);
}
