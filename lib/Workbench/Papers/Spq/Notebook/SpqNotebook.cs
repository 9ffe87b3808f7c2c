using Microsoft.Data.Analysis;
using Plotly.NET;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Records;
using Workbench.Papers.Spq.Ablation;
using Workbench.Reporting.Charts;
using Workbench.Training.Records;

namespace Workbench.Papers.Spq.Notebook;

/// <summary>
/// What notebook 02-spq calls for its charts over the ablation the engine collected (<see cref="AblationResult"/>):
/// mAP against code length, training curves, the record folder of a row.
/// </summary>
/// <remarks>Introduced in notebooks/02-spq.ipynb, sections "The ablation" and "Training curves".</remarks>
public static class SpqNotebook
{
    /// <summary>mAP@K against code length, one line per method (mean over seeds).</summary>
    public static GenericChart MapVsBits(AblationResult result, string metric = "mAP@1000")
    {
        ArgumentNullException.ThrowIfNull(result);
        var palette = MethodPalette.Shared;
        var traces = new List<GenericChart>();
        foreach (var method in result.WithRuns.GroupBy(e => e.Row.Label))
        {
            var points = method.Select(e => (Bits: (double)BitsOf(e.Runs[0]), Map: e.Runs.Average(r => r.Final[metric]))).OrderBy(p => p.Bits).ToList();
            var color = palette.ColorOf(method.Key);
            traces.Add(Plotly.NET.CSharp.Chart.Scatter<double, double, string>(points.Select(p => p.Bits), points.Select(p => p.Map),
                StyleParam.Mode.Lines_Markers, Name: method.Key, LineColor: color, MarkerColor: color));
        }
        if (traces.Count == 0) throw new ArgumentException("No finished runs to plot.", nameof(result));
        return ChartStyle.Apply(Chart.combine(traces), $"{metric} against code length", "code length B (bits)", $"{metric} (fraction)");
    }

    /// <summary>Training loss (and quantization error) per epoch of the SPQ variants at <paramref name="bits"/>.</summary>
    public static GenericChart TrainingCurves(AblationResult result, int bits, IReadOnlyList<string>? metrics = null) =>
        TrainingCurveChart.Build(SpqRuns(result, bits), metrics ?? [HistoryCsv.LossPrefix + "loss", HistoryCsv.LossPrefix + "qerr"]);

    /// <summary>
    /// Loss and representation health per epoch (<see cref="HealthChart"/>: descriptor spread, effective rank, dead
    /// dimensions, codeword perplexity) of the SPQ variants at <paramref name="bits"/>; a collapsed codebook shows as
    /// perplexity falling towards 1.
    /// </summary>
    public static GenericChart Health(AblationResult result, int bits) => HealthChart.Build(SpqRuns(result, bits));

    private static List<TrainingRun> SpqRuns(AblationResult result, int bits)
    {
        ArgumentNullException.ThrowIfNull(result);
        var runs = result.WithRuns.Where(e => e.Row.Method == SpqMethod.MethodName)
            .SelectMany(e => e.Runs.Where(r => BitsOf(r) == bits).Select(r => TrainingRun.Load(e.Runs.Count > 1 ? $"{e.Row.Label} seed {r.Seed}" : e.Row.Label,
                Path.Combine(r.Directory, RunFiles.History), e.Row.Label)))
            .ToList();
        if (runs.Count == 0) throw new ArgumentException($"No finished SPQ run at {bits} bits.", nameof(bits));
        return runs;
    }

    /// <summary>The record folder of the first seed of the row labelled <paramref name="label"/> at <paramref name="bits"/>.</summary>
    /// <exception cref="ArgumentException">No finished run of that row.</exception>
    public static string RunDirectory(AblationResult result, string label, int bits)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.WithRuns.Where(e => e.Row.Label == label).SelectMany(e => e.Runs).FirstOrDefault(r => BitsOf(r) == bits)?.Directory
            ?? throw new ArgumentException($"No finished run of {label} at {bits} bits; rows: {string.Join(", ", result.WithRuns.Select(e => e.Row.Label).Distinct())}.");
    }

    /// <summary>The code length B a run recorded in its configuration.</summary>
    public static int BitsOf(AblationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Manifest.Config.GetProperty("bits").GetInt32();
    }
}
