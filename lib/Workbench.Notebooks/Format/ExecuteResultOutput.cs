using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Format;

/// <summary>The value of a cell's trailing expression.</summary>
/// <param name="Data">The representations of the value.</param>
/// <param name="Metadata">Output metadata (often empty).</param>
/// <param name="ExecutionCount">The execution count of the cell that produced it.</param>
public sealed record ExecuteResultOutput(MimeBundle Data, JsonObject Metadata, int? ExecutionCount) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "execute_result";

    internal override JsonObject ToJson() => new()
    {
        ["data"] = Data.ToJson(),
        ["execution_count"] = ExecutionCount,
        ["metadata"] = Metadata.DeepClone(),
        ["output_type"] = OutputType,
    };
}
