using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Format;

/// <summary>
/// The metadata Polyglot Notebooks (VS Code) writes and reads: the notebook's kernelspec,
/// language_info and <c>polyglot_notebook.kernelInfo</c>, and each C# cell's
/// <c>dotnet_interactive.language</c> and <c>polyglot_notebook.kernelName</c>.
/// </summary>
public static class PolyglotMetadata
{
    /// <summary>The kernel name of C# cells.</summary>
    public const string CSharpKernel = "csharp";

    /// <summary>A fresh copy of the notebook-level metadata for a C# notebook.</summary>
    public static JsonObject NotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
        ["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "C#",
            ["pygments_lexer"] = "csharp",
            ["version"] = "13.0",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = CSharpKernel,
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = CSharpKernel }),
            },
        },
    };

    /// <summary>A fresh copy of the metadata of a C# code cell.</summary>
    public static JsonObject CodeCellMetadata() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = CSharpKernel },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = CSharpKernel },
    };

    /// <summary>The notebook's default kernel (<c>polyglot_notebook.kernelInfo.defaultKernelName</c>), or null.</summary>
    public static string? DefaultKernel(JsonObject notebookMetadata) =>
        (notebookMetadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"] as JsonValue)?.GetValue<string>();

    /// <summary>
    /// The kernel of a code cell as Polyglot resolves it: <c>polyglot_notebook.kernelName</c>, else
    /// <c>dotnet_interactive.language</c>, else the notebook's default, else C#. A first line
    /// <c>#!name</c> in the source overrides it (see the runner).
    /// </summary>
    public static string CellKernel(JsonObject cellMetadata, JsonObject notebookMetadata) =>
        (cellMetadata["polyglot_notebook"]?["kernelName"] as JsonValue)?.GetValue<string>()
        ?? (cellMetadata["dotnet_interactive"]?["language"] as JsonValue)?.GetValue<string>()
        ?? DefaultKernel(notebookMetadata)
        ?? CSharpKernel;

    /// <summary>What is missing from a notebook's Polyglot metadata (empty when complete).</summary>
    public static IReadOnlyList<string> MissingNotebookKeys(JsonObject metadata)
    {
        var missing = new List<string>();
        if (metadata["kernelspec"]?["name"] is null) missing.Add("metadata.kernelspec.name");
        if (metadata["language_info"]?["name"] is null) missing.Add("metadata.language_info.name");
        if (DefaultKernel(metadata) is null) missing.Add("metadata.polyglot_notebook.kernelInfo.defaultKernelName");
        return missing;
    }

    /// <summary>What is missing from a C# code cell's metadata (empty when complete).</summary>
    public static IReadOnlyList<string> MissingCellKeys(JsonObject cellMetadata)
    {
        var missing = new List<string>();
        if (cellMetadata["polyglot_notebook"]?["kernelName"] is null) missing.Add("metadata.polyglot_notebook.kernelName");
        if (cellMetadata["dotnet_interactive"]?["language"] is null) missing.Add("metadata.dotnet_interactive.language");
        return missing;
    }
}
