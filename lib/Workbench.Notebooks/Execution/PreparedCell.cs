using System.Text.RegularExpressions;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// A code cell after the runner's directive pass: <c>#r "nuget: …"</c>, <c>#i</c>, <c>#!csharp</c> and
/// <c>#!time</c> lines are taken out and replaced by empty lines, so Roslyn's line numbers in
/// error messages still match the cell. <c>#r "path"</c> and <c>#load</c> stay for Roslyn, which
/// resolves them against the notebook's folder.
/// </summary>
/// <param name="Language">How the cell is run.</param>
/// <param name="Kernel">The kernel name the cell asked for.</param>
/// <param name="Code">The code for Roslyn (or the HTML of an <c>#!html</c> cell).</param>
/// <param name="Packages">The <c>#r "nuget: …"</c> directives.</param>
/// <param name="Time">True when the cell starts with <c>#!time</c>.</param>
/// <param name="UnsupportedDirective">The first magic command the runner refuses (<c>#!set</c>, <c>#!share</c>, …), or null.</param>
public sealed partial record PreparedCell(CellLanguage Language, string Kernel, string Code, IReadOnlyList<NugetReference> Packages, bool Time, string? UnsupportedDirective)
{
    private static readonly HashSet<string> CSharpNames = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "C#" };

    private static readonly HashSet<string> OtherKernels = new(StringComparer.OrdinalIgnoreCase)
    {
        "fsharp", "f#", "pwsh", "powershell", "javascript", "js", "mermaid", "sql", "kql", "http", "value", "markdown", "md",
    };

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*(?:,\s*(?<version>[^"]*?)\s*)?"\s*(?://.*)?$""")]
    private static partial Regex NugetDirective();

    [GeneratedRegex("""^\s*#!(?<name>[A-Za-z#][\w#-]*)""")]
    private static partial Regex Magic();

    [GeneratedRegex("""^\s*#i\s+""")]
    private static partial Regex SourceDirective();

    /// <summary>Runs the directive pass over a cell's source.</summary>
    /// <param name="source">The cell source.</param>
    /// <param name="metadataKernel">The kernel from the cell's metadata (<c>csharp</c> for C# cells).</param>
    public static PreparedCell Prepare(string source, string metadataKernel)
    {
        string[] lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string kernel = metadataKernel;
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first >= 0 && Magic().Match(lines[first]) is { Success: true } m && IsKernelName(m.Groups["name"].Value))
        {
            kernel = m.Groups["name"].Value;
            lines[first] = "";
        }
        var language = CSharpNames.Contains(kernel) ? CellLanguage.CSharp
            : kernel.Equals("html", StringComparison.OrdinalIgnoreCase) ? CellLanguage.Html
            : CellLanguage.OtherKernel;
        if (language != CellLanguage.CSharp)
            return new PreparedCell(language, kernel, string.Join('\n', lines), [], false, null);

        var packages = new List<NugetReference>();
        bool time = false;
        string? unsupported = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (NugetDirective().Match(line) is { Success: true } n)
            {
                string version = n.Groups["version"].Value;
                packages.Add(new NugetReference(n.Groups["name"].Value, version.Length == 0 ? null : version, i));
                lines[i] = "";
            }
            else if (SourceDirective().IsMatch(line))
            {
                lines[i] = "";
            }
            else if (Magic().Match(line) is { Success: true } magic)
            {
                if (magic.Groups["name"].Value.Equals("time", StringComparison.OrdinalIgnoreCase)) time = true;
                else unsupported ??= "#!" + magic.Groups["name"].Value;
                lines[i] = "";
            }
        }
        return new PreparedCell(language, kernel, string.Join('\n', lines), packages, time, unsupported);
    }

    private static bool IsKernelName(string name) =>
        CSharpNames.Contains(name) || OtherKernels.Contains(name) || name.Equals("html", StringComparison.OrdinalIgnoreCase);
}
