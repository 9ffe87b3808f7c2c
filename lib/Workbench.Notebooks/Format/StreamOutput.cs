using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Format;

/// <summary>Text written to <c>stdout</c> or <c>stderr</c> while a cell ran.</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text, with its newlines.</param>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "stream";

    internal override JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["output_type"] = OutputType,
        ["text"] = NotebookJson.Lines(Text),
    };
}
