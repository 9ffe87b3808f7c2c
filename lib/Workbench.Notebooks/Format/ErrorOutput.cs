using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Format;

/// <summary>An exception or a compilation error raised by a cell.</summary>
/// <param name="EName">The error's name (exception type name, or <c>CompilationError</c>, <c>CellTimeout</c>, …).</param>
/// <param name="EValue">The error message.</param>
/// <param name="Traceback">Lines that explain where it happened; the first names the cell.</param>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "error";

    internal override JsonObject ToJson() => new()
    {
        ["ename"] = EName,
        ["evalue"] = EValue,
        ["output_type"] = OutputType,
        ["traceback"] = new JsonArray(Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
    };
}
