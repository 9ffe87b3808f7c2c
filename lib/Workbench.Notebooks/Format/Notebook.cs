using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Format;

/// <summary>
/// A Jupyter notebook in nbformat 4.5: notebook metadata (unknown keys kept) and cells. Reads
/// nbformat 4.x; writes 4.5 in the conventions of Jupyter and VS Code (see <see cref="ToJson"/>).
/// </summary>
public sealed class Notebook
{
    /// <summary>The nbformat major version this model reads and writes.</summary>
    public const int FormatMajor = 4;

    /// <summary>The nbformat minor version written (4.5 introduced cell ids).</summary>
    public const int FormatMinor = 5;

    /// <summary>Creates a notebook with the given metadata (copied; null for Polyglot C# metadata).</summary>
    public Notebook(JsonObject? metadata = null)
    {
        Metadata = metadata is null ? PolyglotMetadata.NotebookMetadata() : (JsonObject)metadata.DeepClone();
    }

    /// <summary>Notebook-level metadata; unknown keys are kept as read.</summary>
    public JsonObject Metadata { get; }

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>The <c>nbformat_minor</c> of the file as read (written as 5).</summary>
    public int SourceFormatMinor { get; private init; } = FormatMinor;

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="NotebookFormatException">The file is not an nbformat 4 notebook; the message says why.</exception>
    public static Notebook Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new NotebookFormatException($"{path}: no such notebook file.");
        }
        try
        {
            return Parse(text);
        }
        catch (NotebookFormatException e)
        {
            throw new NotebookFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses notebook JSON.</summary>
    /// <exception cref="NotebookFormatException">The text is not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new NotebookFormatException("the top level is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"not valid JSON ({e.Message}).", e);
        }
        int major = root["nbformat"] is JsonValue m && m.TryGetValue(out int mj) ? mj
            : throw new NotebookFormatException("'nbformat' is missing; this is not a Jupyter notebook.");
        if (major != FormatMajor)
            throw new NotebookFormatException($"nbformat {major} is not supported; convert it to nbformat 4 (jupyter nbconvert --to notebook --nbformat 4).");
        int minor = root["nbformat_minor"] is JsonValue n && n.TryGetValue(out int mn) ? mn : 0;
        var nb = new Notebook(NotebookJson.ObjectOrEmpty(root, "metadata", "notebook")) { SourceFormatMinor = minor };
        if (root["cells"] is not JsonArray cells) throw new NotebookFormatException("'cells' is missing or not an array.");
        for (int i = 0; i < cells.Count; i++)
        {
            nb.Cells.Add(NotebookCell.FromJson(cells[i] as JsonObject ?? throw new NotebookFormatException($"cell {i}: expected an object."), i));
        }
        return nb;
    }

    /// <summary>
    /// Gives every cell without an id, or with the id of an earlier cell, a unique deterministic
    /// one (<c>cell-{index}</c>, or the old id with <c>-dup</c>; <c>-2</c>, <c>-3</c>… on collision).
    /// Existing unique ids are kept.
    /// </summary>
    public void EnsureIds()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var needsId = new List<int>();
        for (int i = 0; i < Cells.Count; i++)
        {
            if (Cells[i].Id is not { } id || !used.Add(id)) needsId.Add(i);
        }
        foreach (int i in needsId)
        {
            var cell = Cells[i];
            string baseId = cell.Id is null ? $"cell-{i}" : cell.Id[..Math.Min(cell.Id.Length, 56)] + "-dup";
            string id = baseId;
            for (int k = 2; !used.Add(id); k++) id = $"{baseId}-{k}";
            cell.Id = id;
        }
    }

    /// <summary>Removes every output and execution count (what a committed notebook looks like).</summary>
    public void ClearOutputs()
    {
        foreach (var cell in Cells) cell.ClearOutputs();
    }

    /// <summary>The index of the first cell with <paramref name="id"/>, or -1.</summary>
    public int IndexOf(string id) => Cells.FindIndex(c => c.Id == id);

    /// <summary>A deep copy.</summary>
    public Notebook Clone()
    {
        var copy = new Notebook(Metadata) { SourceFormatMinor = SourceFormatMinor };
        copy.Cells.AddRange(Cells.Select(c => c.Clone()));
        return copy;
    }

    /// <summary>
    /// The nbformat 4.5 JSON text: one-space indent, sorted keys, line arrays, a trailing newline.
    /// Cells without ids must have been given ids first (<see cref="EnsureIds"/>).
    /// </summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(Cells.Select(c => (JsonNode?)c.ToJson()).ToArray()),
            ["metadata"] = Metadata.DeepClone(),
            ["nbformat"] = FormatMajor,
            ["nbformat_minor"] = FormatMinor,
        };
        return NotebookJson.Write(root) + "\n";
    }

    /// <summary>Writes <see cref="ToJson"/> as UTF-8 without BOM, creating the folder if needed.</summary>
    public void Save(string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, ToJson(), NotebookJson.Utf8NoBom);
    }
}
