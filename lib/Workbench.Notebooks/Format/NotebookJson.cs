using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Format;

/// <summary>
/// JSON helpers that write notebooks the way Jupyter and VS Code do, so diffs stay small:
/// one-space indent, object keys in ordinal order, <c>", "</c>/<c>": "</c> separators, only
/// quotes, backslashes and control characters escaped (other characters raw, like Python's
/// <c>json.dumps(ensure_ascii=False)</c>), multi-line strings as arrays of lines that keep their
/// <c>\n</c>, UTF-8 without BOM and a trailing newline.
/// </summary>
internal static class NotebookJson
{
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Splits text into lines that keep their <c>\n</c>; empty text gives an empty array.</summary>
    public static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int nl = text.IndexOf('\n', start);
            int end = nl < 0 ? text.Length : nl + 1;
            array.Add(JsonValue.Create(text[start..end]));
            start = end;
        }
        return array;
    }

    /// <summary>A multi-line string field: a string or an array of strings, joined; missing gives "".</summary>
    public static string JoinText(JsonNode? node, string where) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonArray a => string.Concat(a.Select(l => l is JsonValue lv && lv.TryGetValue(out string? ls) ? ls
            : throw new NotebookFormatException($"{where}: expected an array of strings."))),
        _ => throw new NotebookFormatException($"{where}: expected a string or an array of strings."),
    };

    public static string RequiredString(JsonObject o, string key, string where) =>
        o[key] is JsonValue v && v.TryGetValue(out string? s) ? s
        : throw new NotebookFormatException($"{where}: '{key}' is missing or not a string.");

    public static JsonObject ObjectOrEmpty(JsonObject o, string key, string where) => o[key] switch
    {
        null => new JsonObject(),
        JsonObject m => (JsonObject)m.DeepClone(),
        _ => throw new NotebookFormatException($"{where}: '{key}' must be an object."),
    };

    /// <summary>Serializes a node in the notebook writer's conventions (no trailing newline).</summary>
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                if (o.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }
                sb.Append("{\n");
                bool firstKey = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!firstKey) sb.Append(",\n");
                    firstKey = false;
                    sb.Append(' ', depth + 1);
                    WriteString(sb, key);
                    sb.Append(": ");
                    Write(sb, value, depth + 1);
                }
                sb.Append('\n').Append(' ', depth).Append('}');
                break;
            case JsonArray a:
                if (a.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }
                sb.Append("[\n");
                for (int i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(",\n");
                    sb.Append(' ', depth + 1);
                    Write(sb, a[i], depth + 1);
                }
                sb.Append('\n').Append(' ', depth).Append(']');
                break;
            case JsonValue v:
                WriteValue(sb, v);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue v)
    {
        if (v.TryGetValue(out string? s))
        {
            WriteString(sb, s);
            return;
        }
        sb.Append(v.ToJsonString());
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
