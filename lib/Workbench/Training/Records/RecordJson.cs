using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Training.Records;

/// <summary>The JSON conventions of every run record: camelCase names, enums as camelCase strings, NaN and ±Infinity allowed as named literals.</summary>
public static class RecordJson
{
    /// <summary>Options for files people read (indented, relaxed escaping).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>Options for hashing and compact storage (no whitespace).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = indented,
            // Files people read keep '+', '<', '>' and non-ASCII as they are; hashing uses the strict default.
            Encoder = indented ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
