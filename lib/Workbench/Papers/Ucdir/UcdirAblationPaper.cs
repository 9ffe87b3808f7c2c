using Workbench.Experiments;
using Workbench.Experiments.Ablation;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// UCDIR's ablation (papers.md 1) as data: both variants × their four rows (<see cref="UcdirAblation"/>) × domain
/// pairs, each over several seeds (default 2). Pairs by preset: smoke → synthetic solid/outline; reduced → the three
/// pairs of <see cref="UcdirPair.Reduced"/>; paper → Office-Home Product/Clipart. Tables: <see cref="UcdirAblationTable"/>.
/// </summary>
public sealed class UcdirAblationPaper : AblationPaper
{
    /// <summary>The row axis: which terms the objective uses (canonical row names of the variant's table).</summary>
    public static Axis<UcdirConfig, string> Rows(string variant) => new("ablation", UcdirAblation.RowsOf(variant), (c, v) => c with { Ablation = v });

    /// <inheritdoc />
    public override string Name => "ucdir";

    /// <inheritdoc />
    public override string Description => "UCDIR, Seed (IW / CW / CW+SE / CW+SE+DD) and Official (IW / +CW / +SE / +DD) rows on each domain pair.";

    /// <summary>The default pairs of a preset.</summary>
    public static IReadOnlyList<UcdirPair> DefaultPairs(PresetLabel preset) => preset switch
    {
        PresetLabel.Smoke => [new UcdirPair("synthetic", "solid", "outline")],
        PresetLabel.Reduced => UcdirPair.Reduced,
        _ => [new UcdirPair("office-home", "Product", "Clipart")],
    };

    /// <summary>The pair axis value: dataset and both domains.</summary>
    public static AxisSetting Pair(UcdirPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return AxisSetting.Of<UcdirConfig>("pair", pair.ToString(), [$"data={pair.Data}", $"domainA={pair.DomainA}", $"domainB={pair.DomainB}"],
            c => c with { Data = pair.Data, DomainA = pair.DomainA, DomainB = pair.DomainB });
    }

    /// <inheritdoc />
    public override AblationSpec Spec(AblationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var seeds = AblationRow.SeedRange(request.Seeds ?? 2);
        var rows = new List<AblationRow>();
        foreach (var pair in DefaultPairs(request.Preset))
        {
            foreach (string variant in new[] { "Seed", "Official" })
            {
                foreach (var row in Rows(variant).Settings())
                {
                    rows.Add(new AblationRow(row.Value, "ucdir", variant, [Pair(pair), row], seeds));
                }
            }
        }
        return NewSpec(request, "UCDIR ablation", rows);
    }

    /// <summary>The pair notebook 01 shows by default.</summary>
    public static UcdirPair NotebookPair { get; } = new("emoji-office", "noto", "symbola");

    /// <inheritdoc />
    /// <remarks>Notebook 01 inspects the Official +DD row of its pair (reduced: <see cref="NotebookPair"/>; smoke: the synthetic pair), first seed: its final embeddings.</remarks>
    public override IReadOnlyList<InspectedRun> Inspected(IReadOnlyList<AblationCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var pairs = cells.Select(c => c.Row.ValueOf("pair")).Distinct().ToList();
        string? pair = pairs.Contains(NotebookPair.ToString()) ? NotebookPair.ToString() : pairs.FirstOrDefault();
        return cells.Where(c => c.Row.ValueOf("pair") == pair && c.Row.Variant == "Official" && c.Row.Label == "+DD" && c.Seed == c.Row.Seeds[0])
                    .Select(c => new InspectedRun(c, [UcdirEmbeddings.FileName])).ToList();
    }

    /// <inheritdoc />
    public override string Summary(AblationResult result) => UcdirSummary.Render(result);

    /// <inheritdoc />
    public override IReadOnlyList<AblationFile> Render(AblationResult result, AblationReportContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        var rows = UcdirAblationTable.Rows(result);
        string preset = result.Spec.Preset.Name();
        return [new AblationFile($"ablation-{preset}.csv", UcdirAblationTable.ToCsv(rows)), new AblationFile($"ablation-{preset}.md", UcdirAblationTable.ToMarkdown(rows, context))];
    }
}
