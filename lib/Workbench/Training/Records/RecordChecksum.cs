using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workbench.Training.Records;

/// <summary>
/// SHA-256 checksums of run records. A JSON record carries its own as its first property,
/// <c>"checksum": "sha256:&lt;hex&gt;"</c>, computed over the file's exact bytes without that property
/// (so the check does not depend on how the record type serialises today). Other files (history,
/// per-query rows, checkpoints) are checked by <see cref="Of(string)"/> digests the manifest lists, or
/// carry a trailer (checkpoints). Records of schema 1 predate checksums and are read unverified.
/// </summary>
public static partial class RecordChecksum
{
    /// <summary>The prefix of every digest.</summary>
    public const string Prefix = "sha256:";

    /// <summary><c>sha256:&lt;hex&gt;</c> of <paramref name="bytes"/>.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Prefix + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary><c>sha256:&lt;hex&gt;</c> of the file at <paramref name="path"/>.</summary>
    public static string Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary><paramref name="json"/> (an object, as serialised) with its checksum inserted as the first property.</summary>
    public static string Seal(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.StartsWith('{')) throw new ArgumentException("A sealed record must be a JSON object.", nameof(json));
        string digest = Of(Encoding.UTF8.GetBytes(json));
        return "{\n  \"checksum\": \"" + digest + "\"," + json[1..];
    }

    /// <summary>
    /// The record text without its checksum, after checking it. A record without a checksum is accepted only
    /// when its <c>schema</c> is below 2 (written before checksums existed).
    /// </summary>
    /// <exception cref="DamagedRecordException">The checksum does not match, or a schema-2 record has none.</exception>
    public static string Open(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = Sealed().Match(text);
        if (!m.Success)
        {
            if (SchemaOf(text) >= 2) throw new DamagedRecordException(path, "its checksum is missing");
            return text;
        }
        string body = "{" + text[m.Length..];
        string digest = Of(Encoding.UTF8.GetBytes(body));
        if (!string.Equals(digest, Prefix + m.Groups[1].Value, StringComparison.Ordinal))
        {
            throw new DamagedRecordException(path, "checksum mismatch: the file changed after it was written");
        }
        return body;
    }

    private static int SchemaOf(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("schema", out var s) && s.TryGetInt32(out int v) ? v : 0;
        }
        catch (JsonException)
        {
            return 0; // not JSON: the reader reports it
        }
    }

    [GeneratedRegex("^\\{\\n  \"checksum\": \"sha256:([0-9a-f]{64})\",")]
    private static partial Regex Sealed();
}
