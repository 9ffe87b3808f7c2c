using System.Globalization;
using System.Text.Json;

namespace Workbench.Data.Loaders.Emoji;

/// <summary>Reads <c>emoji.json</c> of npm <c>emoji-datasource</c> (1,911 entries in 16.0.0).</summary>
public static class EmojiIndex
{
    /// <summary>Every entry of the file, in file order.</summary>
    /// <exception cref="InvalidDataException">The file is not the expected JSON array; the message says which entry failed.</exception>
    public static IReadOnlyList<EmojiEntry> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"emoji.json not found: {path}", path);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: expected a JSON array of emoji.");
        var list = new List<EmojiEntry>();
        int i = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            try
            {
                string unified = e.GetProperty("unified").GetString()!;
                var cps = unified.Split('-').Select(h => int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).Where(c => c != 0xFE0F).ToArray();
                list.Add(new EmojiEntry(unified, cps, e.GetProperty("sheet_x").GetInt32(), e.GetProperty("sheet_y").GetInt32(),
                    e.GetProperty("category").GetString()!, e.GetProperty("subcategory").GetString()!, e.GetProperty("sort_order").GetInt32(),
                    e.GetProperty("has_img_google").GetBoolean(), e.GetProperty("has_img_twitter").GetBoolean()));
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{path}: entry {i} lacks an expected field or has a bad value ({ex.Message}).", ex);
            }
            i++;
        }
        return list;
    }
}
