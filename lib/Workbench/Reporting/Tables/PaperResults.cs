using System.Globalization;
using Workbench.Reporting.Charts;

namespace Workbench.Reporting.Tables;

/// <summary>
/// Reads <c>data/paper-results.csv</c>: the papers' published numbers, one per row with its source
/// and verification status. Columns: paper, dataset, setting, method, metric, value, scale
/// (<c>fraction</c> or <c>percent</c>), status, source, note.
/// </summary>
/// <remarks>UCDIR's published tables (arXiv 2207.09721, Tables 1–3) could not be re-read for this
/// project, so the file holds no UCDIR rows; comparisons for UCDIR show ours only.</remarks>
public static class PaperResults
{
    /// <summary>The file name inside the repository's <c>data</c> folder.</summary>
    public const string FileName = "paper-results.csv";

    private static readonly string[] Header = ["paper", "dataset", "setting", "method", "metric", "value", "scale", "status", "source", "note"];

    /// <summary>Parses the CSV text.</summary>
    /// <exception cref="FormatException">The header differs, a value is not a number, or a scale is unknown.</exception>
    public static IReadOnlyList<PaperResult> Parse(string csv)
    {
        var records = CsvText.Parse(csv).Where(r => !CsvText.IsBlank(r)).ToList();
        if (records.Count == 0 || !records[0].SequenceEqual(Header))
            throw new FormatException($"paper results must start with the header '{string.Join(',', Header)}'.");
        var list = new List<PaperResult>();
        for (int r = 1; r < records.Count; r++)
        {
            var f = records[r];
            if (f.Length != Header.Length) throw new FormatException($"paper results line {r + 1}: {f.Length} fields, expected {Header.Length}.");
            if (!double.TryParse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new FormatException($"paper results line {r + 1}: value '{f[5]}' is not a number.");
            var scale = f[6] switch
            {
                "fraction" => ValueScale.Fraction,
                "percent" => ValueScale.Percent,
                _ => throw new FormatException($"paper results line {r + 1}: scale '{f[6]}' must be 'fraction' or 'percent'."),
            };
            if (string.IsNullOrWhiteSpace(f[8])) throw new FormatException($"paper results line {r + 1}: every number needs a source.");
            list.Add(new PaperResult(f[0] ?? "", f[1] ?? "", f[2] ?? "", f[3] ?? "", f[4] ?? "", value, scale, f[7] ?? "", f[8]!, f[9] ?? ""));
        }
        return list;
    }

    /// <summary>Loads a paper-results file.</summary>
    public static IReadOnlyList<PaperResult> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"paper results not found: {path}", path);
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Loads the repository's <c>data/paper-results.csv</c> (see <see cref="FindDefaultPath"/>).</summary>
    public static IReadOnlyList<PaperResult> LoadDefault() => Load(FindDefaultPath());

    /// <summary><see cref="LoadDefault"/>, or null when the file is missing (tables then leave the paper's numbers out).</summary>
    public static IReadOnlyList<PaperResult>? TryLoadDefault()
    {
        try
        {
            return LoadDefault();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The path of <c>data/paper-results.csv</c>, searched upwards from the current directory and then
    /// from the application's directory.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file above either directory.</exception>
    public static string FindDefaultPath()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "data", FileName);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException($"data/{FileName} not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; run from the repository or pass its path.");
    }
}
