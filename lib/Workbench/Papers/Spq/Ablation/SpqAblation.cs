using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Papers.Spq.Baselines;
using Workbench.Reporting.Tables;

namespace Workbench.Papers.Spq.Ablation;

/// <summary>
/// SPQ's ablation (papers.md 2.5, issue 8) as data: at each code length B ∈ {16, 32, 64} the seed-variant SPQ, its
/// SPQ-C and SPQ-H ablations, the official variant at 32 bits, and the classic baselines (<see cref="SpqBaselineMethod"/>)
/// fitted on the same images at the same code length; extra seeds of SPQ at the headline 32 bits. Tables:
/// <see cref="SpqAblationTable"/> and <see cref="SpqAblationReport"/>.
/// </summary>
public sealed class SpqAblation : AblationPaper
{
    /// <summary>The code length that gets the requested seeds of SPQ (the paper's headline 32 bits).</summary>
    public const int HeadlineBits = 32;

    /// <summary>The row label of each SPQ variant.</summary>
    public static IReadOnlyDictionary<string, string> VariantLabels { get; } = new Dictionary<string, string>
    {
        [SpqVariants.Seed] = "SPQ",
        [SpqVariants.SpqC] = "SPQ-C",
        [SpqVariants.SpqH] = "SPQ-H",
        [SpqVariants.Official] = "SPQ (official)",
    };

    /// <summary>The row label of each baseline variant.</summary>
    public static IReadOnlyDictionary<string, string> BaselineLabels { get; } = new Dictionary<string, string>
    {
        ["PQ-pixels"] = "PQ (pixels)",
        ["PQ-PCA"] = "PQ (PCA)",
        ["LSH"] = "LSH",
    };

    /// <summary>The code-length axis of SPQ runs.</summary>
    public static Axis<SpqConfig, int> SpqBits { get; } = new("bits", SpqConfig.AblationBits, (c, v) => c with { Bits = v });

    /// <summary>The code-length axis of baseline runs.</summary>
    public static Axis<SpqBaselineConfig, int> BaselineBits { get; } = new("bits", SpqConfig.AblationBits, (c, v) => c with { Bits = v });

    /// <inheritdoc />
    public override string Name => "spq";

    /// <inheritdoc />
    public override string Description => "SPQ at 16/32/64 bits: SPQ, SPQ-C, SPQ-H, SPQ (official) against PQ on pixels, PQ on PCA and LSH.";

    /// <inheritdoc />
    public override AblationSpec Spec(AblationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int headlineSeeds = request.Seeds ?? 2;
        var rows = new List<AblationRow>();
        foreach (int bits in SpqConfig.AblationBits)
        {
            foreach (string variant in new[] { SpqVariants.Seed, SpqVariants.SpqC, SpqVariants.SpqH })
            {
                int seeds = variant == SpqVariants.Seed && bits == HeadlineBits ? headlineSeeds : 1;
                rows.Add(new AblationRow(VariantLabels[variant], SpqMethod.MethodName, variant, [SpqBits.Setting(bits)], AblationRow.SeedRange(seeds)));
            }
            if (bits == HeadlineBits)
            {
                rows.Add(new AblationRow(VariantLabels[SpqVariants.Official], SpqMethod.MethodName, SpqVariants.Official, [SpqBits.Setting(bits)], AblationRow.SeedRange(1)));
            }
            foreach (string baseline in SpqBaselineConfig.Variants)
            {
                rows.Add(new AblationRow(BaselineLabels[baseline], SpqBaselineMethod.MethodName, baseline, [BaselineBits.Setting(bits)], AblationRow.SeedRange(1)));
            }
        }
        return NewSpec(request, "SPQ ablation", rows, References());
    }

    /// <inheritdoc />
    public override IReadOnlyList<AblationFile> Render(AblationResult result, AblationReportContext context) =>
        SpqAblationReport.Render(result, context);

    /// <inheritdoc />
    /// <remarks>Notebook 02 inspects SPQ at the headline 32 bits, first seed: index, per-query rows, and the query descriptors of its map.</remarks>
    public override IReadOnlyList<InspectedRun> Inspected(IReadOnlyList<AblationCell> cells) =>
        cells.Where(c => c.Row.Label == VariantLabels[SpqVariants.Seed] && c.Row.ValueOf("bits") == HeadlineBits.ToString(System.Globalization.CultureInfo.InvariantCulture) && c.Seed == c.Row.Seeds[0])
             .Select(c => new InspectedRun(c, Notebook.SpqRunView.Files)).ToList();

    /// <inheritdoc />
    /// <remarks>Keeps the sampled query descriptors the map plots (<see cref="SpqRunFiles.QueryDescriptorSample"/>, 1 MB at 32 bits) instead of all 10,000 (5 MB).</remarks>
    public override IReadOnlyList<string> CopyInspected(InspectedRun run, string from, string to)
    {
        var written = base.CopyInspected(run, from, to).ToList();
        string sample = Path.Combine(to, SpqRunFiles.QueryDescriptorSample);
        Notebook.SpqRunView.WriteDescriptorSample(from, sample);
        written.Add(sample);
        return written;
    }

    /// <inheritdoc />
    public override string Summary(AblationResult result) => SpqSummary.Render(result);

    /// <summary>The setting label of a code length, as the paper-results file writes it: <c>32 bits</c>.</summary>
    public static string Setting(string bits) => bits + " bits";

    /// <summary>The paper's CIFAR-10 numbers for SPQ (<c>data/paper-results.csv</c>); empty when the file is missing.</summary>
    public static IReadOnlyList<ReferenceValue> References() =>
        (PaperResults.TryLoadDefault() ?? [])
            .Where(p => p.Paper == "SPQ" && p.Dataset == "CIFAR-10" && p.Method == "SPQ")
            .Select(p => new ReferenceValue("SPQ", p.Setting, p.Metric, p.Value, $"{p.Dataset}, {p.Source} ({p.Status})"))
            .ToList();
}
