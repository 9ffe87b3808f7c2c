using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workbench.Experiments;
using Workbench.Training.Records;

namespace Workbench.Experiments.Configs;

/// <summary>
/// The identity of a run's configuration: SHA-256 (lower-case hex) of the canonical JSON of
/// <c>{"config": …, "method": …, "preset": …}</c>. Canonical = object keys sorted by ordinal, no
/// whitespace, numbers as System.Text.Json writes them (shortest round-trip), enums as camelCase names.
/// Two runs with equal hashes train the same thing, so a finished one can be reused.
/// </summary>
public static class ConfigHash
{
    /// <summary>The configuration as JSON, with its runtime type's properties.</summary>
    public static JsonElement ToJson(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return JsonSerializer.SerializeToElement(config, config.GetType(), RecordJson.Compact);
    }

    /// <summary>
    /// The hash of <paramref name="method"/>, <paramref name="preset"/> and <paramref name="config"/>; an
    /// <see cref="ExperimentConfig.Init"/> file enters by its content (<see cref="InitIdentity"/>), so a moved
    /// copy keeps the identity and a retrained checkpoint at the same path does not.
    /// </summary>
    public static string Compute(string method, PresetLabel preset, ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Init is { } init) config = config with { Init = InitIdentity(init) };
        return Compute(method, preset.Name(), ToJson(config));
    }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the file's bytes, or <c>missing:&lt;path&gt;</c> when there is no file (validation rejects that run).</summary>
    public static string InitIdentity(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) return "missing:" + path;
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The hash of a method name, a preset label and a configuration already in JSON.</summary>
    public static string Compute(string method, string preset, JsonElement config)
    {
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(new { config, method, preset }, RecordJson.Compact));
        return Sha256Hex(Canonical(doc.RootElement));
    }

    /// <summary>Canonical JSON text of <paramref name="element"/> (sorted keys, compact).</summary>
    public static string Canonical(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            Write(writer, element);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(p.Name);
                    Write(writer, p.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
