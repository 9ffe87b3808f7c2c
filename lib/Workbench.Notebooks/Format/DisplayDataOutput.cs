using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Format;

/// <summary>A value shown with <c>display(…)</c>: a MIME bundle and its metadata.</summary>
/// <param name="Data">The representations of the value.</param>
/// <param name="Metadata">Output metadata (often empty).</param>
public sealed record DisplayDataOutput(MimeBundle Data, JsonObject Metadata) : CellOutput
{
    /// <summary>Creates a display output with empty metadata.</summary>
    public DisplayDataOutput(MimeBundle data) : this(data, new JsonObject())
    {
    }

    /// <inheritdoc />
    public override string OutputType => "display_data";

    internal override JsonObject ToJson() => new()
    {
        ["data"] = Data.ToJson(),
        ["metadata"] = Metadata.DeepClone(),
        ["output_type"] = OutputType,
    };
}
