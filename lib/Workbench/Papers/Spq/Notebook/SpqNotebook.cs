using Microsoft.Data.Analysis;
using Plotly.NET;
using Workbench.Experiments;
using Workbench.Experiments.Records;
using Workbench.Papers.Spq.Ablation;
using Workbench.Reporting.Charts;
using Workbench.Reporting.Tables;
using Workbench.Training.Records;

namespace Workbench.Papers.Spq.Notebook;

/// <summary>
/// What notebook 02-spq calls, so its cells stay a few lines: the ablation (run, or read back from
/// finished records), its table beside the paper's numbers, and the charts (mAP vs bits, training curves).
/// </summary>
/// <remarks>Introduced in notebooks/02-spq.ipynb, sections "The ablation" and "Training curves".</remarks>
public static class SpqNotebook
{
    /// <summary>
    /// The ablation of <paramref name="preset"/>: every row whose finished record exists is read back; the
    /// missing ones are trained (seconds for <c>smoke</c>; for <c>reduced</c> run <c>workbench spq ablation --preset reduced</c>
    /// first, about 30-40 minutes on two cores, or the notebook trains what is missing).
    /// </summary>
    /// <param name="preset">The preset.</param>
    /// <param name="runsRoot">The run records (default: <c>artifacts/runs</c> of the repository).</param>
    /// <param name="log">Receives one line per row as it is found or trained.</param>
    public static IReadOnlyList<SpqAblationEntry> Ablation(PresetLabel preset, string? runsRoot = null, Action<string>? log = null)
    {
        var ablation = new SpqAblation(new RunStore(runsRoot ?? RunStore.DefaultRoot()));
        var plan = new SpqAblationPlan { Preset = preset };
        var found = ablation.Collect(plan);
        if (found.All(e => e.Complete))
        {
            log?.Invoke($"Read {found.Sum(e => e.Runs.Count)} finished runs from {ablation.Store.Root} (nothing retrained).");
            return found;
        }
        log?.Invoke($"Training {found.Sum(e => e.Item.Seeds.Count - e.Runs.Count)} missing runs into {ablation.Store.Root}.");
        return ablation.Run(plan, new RunOptions { Log = log });
    }

    /// <summary>The ablation table with the paper's CIFAR-10 numbers beside ours (<see cref="SpqAblationTable"/>).</summary>
    public static DataFrame Table(IReadOnlyList<SpqAblationEntry> entries, PresetLabel preset) =>
        SpqAblationTable.Build(entries, preset, TryPaperResults());

    /// <summary>mAP@K against code length, one line per method (mean over seeds).</summary>
    public static GenericChart MapVsBits(IReadOnlyList<SpqAblationEntry> entries, string metric = "mAP@1000")
    {
        var palette = MethodPalette.Shared;
        var traces = new List<GenericChart>();
        foreach (var method in entries.Where(e => e.Runs.Count > 0).GroupBy(e => e.Item.Method))
        {
            var points = method.OrderBy(e => e.Item.Bits).Select(e => (Bits: (double)e.Item.Bits, Map: e.Runs.Average(r => r.Metrics[metric]))).ToList();
            var color = palette.ColorOf(method.Key);
            traces.Add(Plotly.NET.CSharp.Chart.Scatter<double, double, string>(points.Select(p => p.Bits), points.Select(p => p.Map),
                StyleParam.Mode.Lines_Markers, Name: method.Key, LineColor: color, MarkerColor: color));
        }
        if (traces.Count == 0) throw new ArgumentException("No finished runs to plot.", nameof(entries));
        return ChartStyle.Apply(Chart.combine(traces), $"{metric} against code length", "code length B (bits)", $"{metric} (fraction)");
    }

    /// <summary>Training loss (and quantization error) per epoch of the SPQ variants at <paramref name="bits"/>.</summary>
    public static GenericChart TrainingCurves(IReadOnlyList<SpqAblationEntry> entries, int bits, IReadOnlyList<string>? metrics = null)
    {
        var runs = entries.Where(e => e.Item.Variant is not null && e.Item.Bits == bits)
            .SelectMany(e => e.Runs.Select(r => TrainingRun.Load(e.Runs.Count > 1 ? $"{e.Item.Method} seed {r.Seed}" : e.Item.Method,
                Path.Combine(r.Directory, RunFiles.History), e.Item.Method)))
            .ToList();
        if (runs.Count == 0) throw new ArgumentException($"No finished SPQ run at {bits} bits.", nameof(bits));
        return TrainingCurveChart.Build(runs, metrics ?? [HistoryCsv.LossPrefix + "loss", HistoryCsv.LossPrefix + "qerr"]);
    }

    /// <summary>The record folder of the first seed of <paramref name="method"/> at <paramref name="bits"/>.</summary>
    /// <exception cref="ArgumentException">No finished run of that row.</exception>
    public static string RunDirectory(IReadOnlyList<SpqAblationEntry> entries, string method, int bits) =>
        entries.FirstOrDefault(e => e.Item.Method == method && e.Item.Bits == bits && e.Runs.Count > 0)?.Runs[0].Directory
        ?? throw new ArgumentException($"No finished run of {method} at {bits} bits; methods: {string.Join(", ", entries.Select(e => e.Item.Method).Distinct())}.");

    private static IReadOnlyList<PaperResult>? TryPaperResults()
    {
        try
        {
            return PaperResults.LoadDefault();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
