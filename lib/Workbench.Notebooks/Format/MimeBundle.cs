using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Format;

/// <summary>
/// The <c>data</c> of a <c>display_data</c> or <c>execute_result</c> output: MIME type → content.
/// Text types hold strings (written as line arrays); <c>image/png</c> holds base64; JSON types
/// (<c>application/json</c>, <c>application/*+json</c>) hold a JSON value.
/// </summary>
public sealed class MimeBundle
{
    private readonly SortedDictionary<string, JsonNode> _data = new(StringComparer.Ordinal);

    /// <summary>The MIME types present, in ordinal order.</summary>
    public IEnumerable<string> MimeTypes => _data.Keys;

    /// <summary>Number of entries.</summary>
    public int Count => _data.Count;

    /// <summary>True when <paramref name="mimeType"/> is present.</summary>
    public bool Contains(string mimeType) => _data.ContainsKey(mimeType);

    /// <summary>Sets a text (or base64) entry; replaces any existing one.</summary>
    public MimeBundle Set(string mimeType, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        ArgumentNullException.ThrowIfNull(content);
        _data[mimeType] = JsonValue.Create(content);
        return this;
    }

    /// <summary>Sets a JSON entry (for JSON MIME types); replaces any existing one.</summary>
    public MimeBundle SetJson(string mimeType, JsonNode content)
    {
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        _data[mimeType] = content.DeepClone();
        return this;
    }

    /// <summary>The text of an entry (a JSON entry as compact JSON), or null when absent.</summary>
    public string? Get(string mimeType) => _data.TryGetValue(mimeType, out var node)
        ? node is JsonValue v && v.TryGetValue(out string? s) ? s : node.ToJsonString()
        : null;

    /// <summary>The raw node of an entry, or null.</summary>
    public JsonNode? GetNode(string mimeType) => _data.GetValueOrDefault(mimeType);

    /// <summary>True for <c>application/json</c> and <c>application/…+json</c>, whose content is JSON, not text.</summary>
    public static bool IsJsonMime(string mimeType) =>
        mimeType == "application/json" || (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));

    /// <summary>True for types nbformat writes as line arrays: <c>text/*</c>, JavaScript and SVG.</summary>
    public static bool IsSplitMime(string mimeType) =>
        mimeType.StartsWith("text/", StringComparison.Ordinal) || mimeType is "application/javascript" or "image/svg+xml";

    internal JsonObject ToJson()
    {
        var o = new JsonObject();
        foreach (var (mime, node) in _data)
        {
            o[mime] = node is JsonValue v && v.TryGetValue(out string? s) && IsSplitMime(mime) && !IsJsonMime(mime)
                ? NotebookJson.Lines(s)
                : node.DeepClone();
        }
        return o;
    }

    internal static MimeBundle FromJson(JsonObject? data, string where)
    {
        var bundle = new MimeBundle();
        if (data is null) return bundle;
        foreach (var (mime, node) in data)
        {
            if (node is null) throw new NotebookFormatException($"{where}: output data '{mime}' is null.");
            bundle._data[mime] = IsJsonMime(mime) ? node.DeepClone() : JsonValue.Create(NotebookJson.JoinText(node, $"{where} data '{mime}'"));
        }
        return bundle;
    }
}
