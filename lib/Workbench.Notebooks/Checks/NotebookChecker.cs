using System.Text.RegularExpressions;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Checks;

/// <summary>
/// Checks that a committed notebook is clean: no outputs, null execution counts, valid unique
/// cell ids (nbformat 4.5), the Polyglot metadata, pinned <c>#r "nuget:"</c> versions, a setup
/// cell that loads in a fresh kernel (<see cref="SetupReferences"/>), no absolute paths, no
/// leftover injected-parameters cell, and the writer's canonical formatting (so diffs stay small).
/// </summary>
public static partial class NotebookChecker
{
    [GeneratedRegex("""^\s*#(r|load)\s+"(?<path>[^"]+)"\s*$""")]
    private static partial Regex PathDirective();

    [GeneratedRegex("""(?<!\w)(@?"|')(?<path>(/(home|root|Users|tmp|mnt|work|var|opt|srv)/|~/|[A-Za-z]:[\\/]))""")]
    private static partial Regex AbsoluteLiteral();

    /// <summary>Checks a notebook file.</summary>
    /// <param name="path">The file.</param>
    public static IReadOnlyList<CheckProblem> Check(string path)
    {
        string text = File.ReadAllText(path);
        Notebook nb;
        try
        {
            nb = Notebook.Parse(text);
        }
        catch (NotebookFormatException e)
        {
            return [new CheckProblem(path, null, e.Message)];
        }
        var problems = new List<CheckProblem>();
        void Add(string? cell, string message) => problems.Add(new CheckProblem(path, cell, message));

        if (File.ReadAllBytes(path) is [0xEF, 0xBB, 0xBF, ..]) Add(null, "starts with a UTF-8 byte order mark; write UTF-8 without BOM.");
        if (nb.SourceFormatMinor < Notebook.FormatMinor) Add(null, $"is nbformat 4.{nb.SourceFormatMinor}; write nbformat 4.5 (cells need ids).");
        foreach (var key in PolyglotMetadata.MissingNotebookKeys(nb.Metadata)) Add(null, $"{key} is missing (Polyglot Notebooks metadata).");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int parameterCells = 0;
        for (int i = 0; i < nb.Cells.Count; i++)
        {
            var cell = nb.Cells[i];
            string name = cell.Id ?? $"#{i}";
            if (cell.Id is null) Add(name, "has no id; give it a short readable one (e.g. setup, params, train-loop).");
            else if (!ids.Add(cell.Id)) Add(name, "has the same id as an earlier cell; ids must be unique.");
            if (cell.Type != CellType.Code) continue;
            if (cell.Outputs.Count > 0) Add(name, $"has {cell.Outputs.Count} output(s); commit notebooks without outputs.");
            if (cell.ExecutionCount is not null) Add(name, $"has execution_count {cell.ExecutionCount}; it must be null.");
            if (cell.HasTag(ParameterCell.InjectedTag)) Add(name, "is an injected-parameters cell left by a run; remove it.");
            if (cell.HasTag(ParameterCell.Tag) && ++parameterCells == 2) Add(name, "is a second cell tagged 'parameters'; only the first is used.");
            string kernel = PolyglotMetadata.CellKernel(cell.Metadata, nb.Metadata);
            if (kernel != PolyglotMetadata.CSharpKernel) continue;
            foreach (var key in PolyglotMetadata.MissingCellKeys(cell.Metadata)) Add(name, $"{key} is missing (Polyglot Notebooks metadata).");
            CheckSource(cell.Source, name, Add);
        }
        foreach (var (cell, message) in SetupReferences.Problems(nb, Path.GetDirectoryName(Path.GetFullPath(path))!)) Add(cell, message);
        if (problems.Count == 0 && text != nb.ToJson())
            Add(null, "is not in the canonical notebook format (one-space indent, sorted keys, line arrays, trailing newline); rewrite it with `workbench notebook check --fix`.");
        return problems;
    }

    private static void CheckSource(string source, string cell, Action<string?, string> add)
    {
        foreach (var (name, version) in SetupReferences.NugetReferences(source))
        {
            if (version is null || version.Contains('*', StringComparison.Ordinal) || version.Contains('[', StringComparison.Ordinal) || version.Contains('(', StringComparison.Ordinal))
                add(cell, $"#r \"nuget: {name}\" does not pin a version; write #r \"nuget: {name}, {Pinned(name) ?? "<version>"}\".");
        }
        string[] lines = source.Split('\n');
        foreach (var line in lines)
        {
            if (PathDirective().Match(line) is { Success: true } m && !m.Groups["path"].Value.StartsWith("nuget:", StringComparison.Ordinal)
                && (Path.IsPathRooted(m.Groups["path"].Value) || m.Groups["path"].Value.StartsWith('~')))
                add(cell, $"references the absolute path '{m.Groups["path"].Value}'; use a path relative to the notebook's folder.");
            else if (AbsoluteLiteral().Match(line) is { Success: true } a)
                add(cell, $"contains an absolute path ({line.Trim()}); use a path relative to the repository or a setting.");
        }
    }

    /// <summary>The version the repository's Directory.Packages.props pins for a package, or null.</summary>
    private static string? Pinned(string package)
    {
        if ((Workbench.Runtime.RepositoryRoot.Find(Environment.CurrentDirectory) ?? Workbench.Runtime.RepositoryRoot.Find(AppContext.BaseDirectory)) is not { } root) return null;
        string props = Path.Combine(root, "Directory.Packages.props");
        if (!File.Exists(props)) return null;
        return System.Xml.Linq.XDocument.Load(props).Descendants("PackageVersion")
            .FirstOrDefault(e => string.Equals((string?)e.Attribute("Include"), package, StringComparison.OrdinalIgnoreCase))?.Attribute("Version")?.Value;
    }

    /// <summary>
    /// Rewrites a notebook clean: outputs and execution counts removed, injected-parameters cells
    /// dropped, missing ids and Polyglot metadata added, canonical formatting.
    /// </summary>
    public static void Fix(string path)
    {
        var nb = Notebook.Load(path);
        nb.ClearOutputs();
        nb.Cells.RemoveAll(c => c.HasTag(ParameterCell.InjectedTag));
        nb.EnsureIds();
        foreach (var (key, value) in PolyglotMetadata.NotebookMetadata())
        {
            if (nb.Metadata[key] is null) nb.Metadata[key] = value!.DeepClone();
        }
        foreach (var cell in nb.Cells.Where(c => c.Type == CellType.Code && PolyglotMetadata.CellKernel(c.Metadata, nb.Metadata) == PolyglotMetadata.CSharpKernel))
        {
            foreach (var (key, value) in PolyglotMetadata.CodeCellMetadata())
            {
                if (cell.Metadata[key] is null) cell.Metadata[key] = value!.DeepClone();
            }
        }
        nb.Save(path);
    }
}
