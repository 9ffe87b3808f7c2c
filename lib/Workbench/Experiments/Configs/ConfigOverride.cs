using System.Text.Json;

namespace Workbench.Experiments.Configs;

/// <summary>
/// One change to a preset: a dotted property path (case-insensitive; <c>-</c> and <c>_</c> ignored;
/// a unique trailing part is enough, e.g. <c>epochs</c> for <c>training.epochs</c>) and a value, either
/// text from <c>--set path=value</c> or a JSON value from a config file.
/// </summary>
/// <param name="Path">Dotted property path as the user wrote it.</param>
/// <param name="Text">The value as text (from <c>--set</c>), or null when <paramref name="Json"/> is set.</param>
/// <param name="Json">The value as JSON (from a file), or null when <paramref name="Text"/> is set.</param>
/// <param name="Source">Where it came from, for messages and the manifest: <c>--set</c> or a file path.</param>
public sealed record ConfigOverride(string Path, string? Text, JsonElement? Json, string Source)
{
    /// <summary>Parses <c>path=value</c> from the command line.</summary>
    /// <exception cref="ArgumentException">No <c>=</c> or an empty path.</exception>
    public static ConfigOverride Parse(string assignment)
    {
        int eq = assignment?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (eq <= 0)
        {
            throw new ArgumentException($"--set expects name=value (e.g. --set training.epochs=5 or --set epochs=5); got '{assignment}'.");
        }
        return new ConfigOverride(assignment![..eq].Trim(), assignment[(eq + 1)..].Trim(), null, "--set");
    }

    /// <summary>
    /// Reads a JSON file holding a (partial) configuration object, e.g.
    /// <c>{"training": {"epochs": 5, "optimizer": {"learningRate": 0.01}}, "classes": 3}</c>, as one
    /// override per leaf value (nested objects become dotted paths; arrays and null are leaf values).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Not JSON, or its root is not an object.</exception>
    public static IReadOnlyList<ConfigOverride> FromJsonFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Config file '{path}' does not exist.", path);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Config file '{path}' is not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"Config file '{path}' must hold a JSON object of settings, e.g. {{\"training\": {{\"epochs\": 5}}}}.");
            }
            var result = new List<ConfigOverride>();
            Flatten(doc.RootElement, "", path, result);
            return result;
        }
    }

    /// <summary><c>path=value (source)</c>.</summary>
    public override string ToString() => $"{Path}={(Text ?? Json?.GetRawText())} ({Source})";

    private static void Flatten(JsonElement obj, string prefix, string source, List<ConfigOverride> into)
    {
        foreach (var p in obj.EnumerateObject())
        {
            string path = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
            if (p.Value.ValueKind == JsonValueKind.Object) Flatten(p.Value, path, source, into);
            else into.Add(new ConfigOverride(path, null, p.Value.Clone(), source));
        }
    }
}
