using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Format;

/// <summary>One cell of a notebook: type, id, metadata (kept as JSON, unknown keys preserved), source and, for code cells, outputs and execution count.</summary>
public sealed class NotebookCell
{
    /// <summary>Creates a cell.</summary>
    /// <param name="type">Code, markdown or raw.</param>
    /// <param name="id">The nbformat 4.5 id (<c>[a-zA-Z0-9-_]{1,64}</c>), or null to assign one later.</param>
    /// <param name="source">The source text.</param>
    /// <param name="metadata">Cell metadata (copied); null for an empty object.</param>
    public NotebookCell(CellType type, string? id, string source, JsonObject? metadata = null)
    {
        if (id is not null && !IsValidId(id))
            throw new ArgumentException($"Cell id '{id}' is not valid: use 1 to 64 letters, digits, '-' or '_'.", nameof(id));
        Type = type;
        Id = id;
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Metadata = metadata is null ? new JsonObject() : (JsonObject)metadata.DeepClone();
    }

    /// <summary>A C# code cell with the Polyglot cell metadata.</summary>
    public static NotebookCell Code(string id, string source, params string[] tags)
    {
        var cell = new NotebookCell(CellType.Code, id, source, PolyglotMetadata.CodeCellMetadata());
        foreach (var tag in tags) cell.AddTag(tag);
        return cell;
    }

    /// <summary>A markdown cell.</summary>
    public static NotebookCell Markdown(string id, string source) => new(CellType.Markdown, id, source);

    /// <summary>Code, markdown or raw.</summary>
    public CellType Type { get; }

    /// <summary>The cell id; null until assigned (notebooks older than nbformat 4.5 have none).</summary>
    public string? Id { get; set; }

    /// <summary>The cell's metadata; unknown keys are kept as read.</summary>
    public JsonObject Metadata { get; }

    /// <summary>The source text (lines joined).</summary>
    public string Source { get; set; }

    /// <summary>Outputs of a code cell, in the order they were produced.</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>The execution count of a code cell; null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Attachments of a markdown or raw cell, kept as read.</summary>
    public JsonObject? Attachments { get; set; }

    /// <summary>The tags in <c>metadata.tags</c>.</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray a ? a.Select(t => (t as JsonValue)?.GetValue<string>() ?? "").ToList() : [];

    /// <summary>True when <c>metadata.tags</c> contains <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>Adds a tag unless present.</summary>
    public void AddTag(string tag)
    {
        if (HasTag(tag)) return;
        if (Metadata["tags"] is not JsonArray a) Metadata["tags"] = a = new JsonArray();
        a.Add(JsonValue.Create(tag));
    }

    /// <summary>Removes outputs and resets the execution count.</summary>
    public void ClearOutputs()
    {
        Outputs.Clear();
        ExecutionCount = null;
    }

    /// <summary>A deep copy.</summary>
    public NotebookCell Clone()
    {
        var copy = new NotebookCell(Type, Id, Source, Metadata) { ExecutionCount = ExecutionCount, Attachments = (JsonObject?)Attachments?.DeepClone() };
        copy.Outputs.AddRange(Outputs);
        return copy;
    }

    /// <summary>True for a valid nbformat 4.5 cell id.</summary>
    public static bool IsValidId(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    internal static string TypeName(CellType type) => type switch
    {
        CellType.Code => "code",
        CellType.Markdown => "markdown",
        _ => "raw",
    };

    internal JsonObject ToJson()
    {
        if (Id is null) throw new InvalidOperationException("Every cell needs an id in nbformat 4.5; call Notebook.EnsureIds() first.");
        var o = new JsonObject
        {
            ["cell_type"] = TypeName(Type),
            ["id"] = Id,
            ["metadata"] = Metadata.DeepClone(),
            ["source"] = NotebookJson.Lines(Source),
        };
        if (Type == CellType.Code)
        {
            o["execution_count"] = ExecutionCount;
            o["outputs"] = new JsonArray(Outputs.Select(x => (JsonNode?)x.ToJson()).ToArray());
        }
        else if (Attachments is not null)
        {
            o["attachments"] = Attachments.DeepClone();
        }
        return o;
    }

    internal static NotebookCell FromJson(JsonObject o, int index)
    {
        string where = $"cell {index}";
        var type = NotebookJson.RequiredString(o, "cell_type", where) switch
        {
            "code" => CellType.Code,
            "markdown" => CellType.Markdown,
            "raw" => CellType.Raw,
            var t => throw new NotebookFormatException($"{where}: unknown cell_type '{t}' (expected code, markdown or raw)."),
        };
        string? id = o["id"] is JsonValue idv && idv.TryGetValue(out string? s) ? s : null;
        if (id is not null && !IsValidId(id))
            throw new NotebookFormatException($"{where}: id '{id}' is not valid (1 to 64 letters, digits, '-' or '_').");
        var cell = new NotebookCell(type, id, NotebookJson.JoinText(o["source"], where + " source"), NotebookJson.ObjectOrEmpty(o, "metadata", where));
        if (type == CellType.Code)
        {
            cell.ExecutionCount = o["execution_count"] is JsonValue c && c.TryGetValue(out int n) ? n : null;
            if (o["outputs"] is JsonArray outputs)
            {
                for (int i = 0; i < outputs.Count; i++)
                {
                    cell.Outputs.Add(CellOutput.FromJson(outputs[i] as JsonObject
                        ?? throw new NotebookFormatException($"{where} output {i}: expected an object."), $"{where} output {i}"));
                }
            }
        }
        else if (o["attachments"] is JsonObject att)
        {
            cell.Attachments = (JsonObject)att.DeepClone();
        }
        return cell;
    }
}
