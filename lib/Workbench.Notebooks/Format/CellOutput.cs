using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Format;

/// <summary>One output of a code cell (nbformat v4 <c>output_type</c>).</summary>
public abstract record CellOutput
{
    /// <summary>The nbformat <c>output_type</c>: <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</summary>
    public abstract string OutputType { get; }

    internal abstract JsonObject ToJson();

    internal static CellOutput FromJson(JsonObject o, string where)
    {
        string type = NotebookJson.RequiredString(o, "output_type", where);
        return type switch
        {
            "stream" => new StreamOutput(NotebookJson.RequiredString(o, "name", where), NotebookJson.JoinText(o["text"], where + " stream text")),
            "display_data" => new DisplayDataOutput(MimeBundle.FromJson(o["data"] as JsonObject, where), NotebookJson.ObjectOrEmpty(o, "metadata", where)),
            "execute_result" => new ExecuteResultOutput(MimeBundle.FromJson(o["data"] as JsonObject, where), NotebookJson.ObjectOrEmpty(o, "metadata", where),
                o["execution_count"] is JsonValue c && c.TryGetValue(out int n) ? n : null),
            "error" => new ErrorOutput(NotebookJson.RequiredString(o, "ename", where), o["evalue"]?.GetValue<string>() ?? "",
                (o["traceback"] as JsonArray)?.Select(l => l?.GetValue<string>() ?? "").ToList() ?? []),
            _ => throw new NotebookFormatException($"{where}: unknown output_type '{type}' (expected stream, display_data, execute_result or error)."),
        };
    }
}
