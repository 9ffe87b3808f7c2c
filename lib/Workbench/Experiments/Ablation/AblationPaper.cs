using System.Text;

namespace Workbench.Experiments.Ablation;

/// <summary>
/// What a paper adds to the engine: its ablation spec (rows, labels, seeds, reference values) and its views of the
/// collected result (the table files with the paper's columns and verdict wording). Everything else (planning,
/// running, reusing, collecting, aggregating over seeds, where files go) is <see cref="AblationRunner"/>'s.
/// A public non-abstract subclass with a parameterless constructor in the Workbench assembly is found by
/// <see cref="AblationCatalog.Default"/>.
/// </summary>
public abstract class AblationPaper
{
    /// <summary>Command-line name, also the folder under <c>results/</c>, e.g. <c>spq</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Other accepted names, e.g. <c>facility-location</c>.</summary>
    public virtual IReadOnlyList<string> Aliases => [];

    /// <summary>One sentence for <c>workbench ablation list</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The ablation for <paramref name="request"/>.</summary>
    /// <exception cref="ArgumentException">A request the paper cannot serve (the message says what to use).</exception>
    public abstract AblationSpec Spec(AblationRequest request);

    /// <summary>The report files of <paramref name="result"/> (at least one; rows without runs are left out of tables).</summary>
    /// <exception cref="ArgumentException">No row has a finished run.</exception>
    public abstract IReadOnlyList<AblationFile> Render(AblationResult result, AblationReportContext context);

    /// <summary>
    /// The results summary of <paramref name="result"/> in Markdown: the table and the verdict sentences (computed from the rows, with
    /// their seed spreads, and stated only when the compared rows exist). The one text behind README.md's block for this paper
    /// (<see cref="ResultsBlock"/>), the summary in <c>results/&lt;paper&gt;/ablation-&lt;preset&gt;.md</c> and the report's page.
    /// </summary>
    /// <exception cref="ArgumentException">No row has a finished run.</exception>
    public abstract string Summary(AblationResult result);

    /// <summary>The runs of <paramref name="cells"/> (a resolved spec) that the paper's notebook inspects by default, with the files it reads (default: none).</summary>
    public virtual IReadOnlyList<InspectedRun> Inspected(IReadOnlyList<AblationCell> cells) => [];

    /// <summary>
    /// Copies an inspected run's <see cref="InspectedRun.Files"/> from its record folder <paramref name="from"/> into the committed
    /// record <paramref name="to"/> and returns the paths written; a paper overrides it to keep less than a whole file (SPQ keeps
    /// the sampled query descriptors).
    /// </summary>
    public virtual IReadOnlyList<string> CopyInspected(InspectedRun run, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(run);
        var written = new List<string>();
        foreach (string file in run.Files)
        {
            string target = Path.Combine(to, file);
            File.Copy(Path.Combine(from, file), target, overwrite: true);
            written.Add(target);
        }
        return written;
    }

    /// <summary>The spec of this paper for <paramref name="request"/>: its rows, the request's preset and overrides, titled "&lt;title&gt; (&lt;preset&gt;)".</summary>
    protected AblationSpec NewSpec(AblationRequest request, string title, IReadOnlyList<AblationRow> rows, IReadOnlyList<ReferenceValue>? references = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new AblationSpec
        {
            Paper = Name,
            Title = $"{title} ({request.Preset.Name()})",
            Preset = request.Preset,
            Rows = rows,
            Overrides = request.Overrides ?? [],
            References = references ?? [],
        };
    }

    /// <summary>
    /// <see cref="Render"/>'s files, the Markdown page ending with a "Summary" section that is <see cref="Summary"/> word for word
    /// (the text of README.md's block for this paper, <see cref="ResultsBlock"/>).
    /// </summary>
    public IReadOnlyList<AblationFile> Files(AblationResult result, AblationReportContext context) =>
        Render(result, context).Select(f => f.Name.EndsWith(".md", StringComparison.Ordinal)
            ? f with { Text = f.Text.TrimEnd('\n') + "\n\n## Summary (README.md's block)\n\n" + Summary(result).TrimEnd('\n') + "\n" }
            : f).ToList();

    /// <summary>Writes <see cref="Files"/> into <paramref name="folder"/> (created) and returns their paths.</summary>
    public IReadOnlyList<string> Write(AblationResult result, string folder, AblationReportContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var files = Files(result, context);
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (var file in files)
        {
            string path = Path.Combine(folder, file.Name);
            File.WriteAllText(path, file.Text, new UTF8Encoding(false));
            paths.Add(path);
        }
        return paths;
    }
}
