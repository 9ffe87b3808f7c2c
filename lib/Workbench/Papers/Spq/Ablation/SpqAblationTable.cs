using Microsoft.Data.Analysis;
using Workbench.Data.Catalog;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Reporting.Tables;

namespace Workbench.Papers.Spq.Ablation;

/// <summary>
/// SPQ's ablation as a <see cref="DataFrame"/> built from the collected run records (via <see cref="AblationTable"/>,
/// mean and sample sd over seeds): one row per code length and method, our mAP@K and mAP@all, the seconds spent
/// training (fitting) and evaluating, and the paper's CIFAR-10 number beside ours where the paper has one. Column
/// names say whose number each is: the paper's protocol (CIFAR-10, ResNet-18, thousands of epochs) is not ours, so
/// no "gap" column is given.
/// </summary>
public static class SpqAblationTable
{
    /// <summary>Column of training (fitting) seconds.</summary>
    public const string TrainSeconds = "train s";

    /// <summary>Column of evaluation seconds (encoding, index, search, metrics).</summary>
    public const string EvalSeconds = "eval s";

    /// <summary>Builds the table from <paramref name="result"/>; rows without a finished run are left out.</summary>
    /// <exception cref="ArgumentException">No row has a finished run.</exception>
    public static DataFrame Build(AblationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var preset = result.Spec.Preset;
        var labels = Labels.For(preset);
        var runs = new List<RunMetrics>();
        foreach (var row in result.WithRuns)
        {
            foreach (var run in row.Runs)
            {
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                if (run.Final.TryGetValue(labels.MapK, out double mapK)) metrics[labels.OursMapK] = mapK;
                if (run.Final.TryGetValue("mAP@all", out double mapAll)) metrics[labels.OursMapAll] = mapAll;
                metrics[TrainSeconds] = run.Manifest.Timings.TrainSeconds;
                metrics[EvalSeconds] = run.Manifest.Timings.EvalSeconds;
                runs.Add(new RunMetrics(row.Row.Label, run.Manifest.Variant, preset.Name(), run.Seed, metrics, Setting: SpqAblation.Setting(row.Row.ValueOf("bits")!)));
            }
        }
        if (runs.Count == 0) throw new ArgumentException("No finished runs to tabulate; run the ablation first (workbench ablation run spq).", nameof(result));
        var table = AblationTable.Build(runs, [labels.OursMapK, labels.OursMapAll, TrainSeconds, EvalSeconds]);
        var paperValues = new double?[table.Rows.Count];
        for (long r = 0; r < table.Rows.Count; r++)
        {
            string method = (string)table["method"][r];
            string setting = (string)table["setting"][r];
            paperValues[r] = method is "SPQ" or "SPQ (official)" ? PaperValue(result.Spec.References, setting, labels.MapK) : null;
        }
        table.Columns.Insert(table.Columns.IndexOf(labels.OursMapK), new DoubleDataFrameColumn(labels.PaperMapK, paperValues));
        table.Columns["setting"].SetName("bits");
        return table;
    }

    /// <summary>The paper's CIFAR-10 value of SPQ for a setting such as <c>32 bits</c>, or null.</summary>
    public static double? PaperValue(IReadOnlyList<ReferenceValue> references, string setting, string metric) =>
        references.FirstOrDefault(p => p.Row == "SPQ" && string.Equals(p.Setting, setting, StringComparison.OrdinalIgnoreCase)
                                       && string.Equals(p.Metric, metric, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>The column labels of a table of one preset's runs.</summary>
    /// <param name="MapK">The metric name in the records, e.g. <c>mAP@1000</c>.</param>
    /// <param name="OursMapK">Our mAP@K column.</param>
    /// <param name="OursMapAll">Our mAP@all column.</param>
    /// <param name="PaperMapK">The paper's column.</param>
    /// <param name="Dataset">Our dataset's title.</param>
    /// <param name="MapAllQueries">Queries of mAP@all, or null for all.</param>
    public sealed record Labels(string MapK, string OursMapK, string OursMapAll, string PaperMapK, string Dataset, int? MapAllQueries)
    {
        /// <summary>Labels from the preset's configuration (dataset, K, mAP@all query count).</summary>
        public static Labels For(PresetLabel preset)
        {
            var config = SpqPresets.Create(preset, SpqVariants.Seed);
            string dataset = DatasetTitle(config.Data.Dataset);
            string ours = $"ours ({dataset}, {preset.Name()})";
            string mapAll = config.MapAllQueries is { } q ? $"mAP@all {ours}, {q:N0} queries" : $"mAP@all {ours}";
            return new Labels($"mAP@{config.TopK}", $"mAP@{config.TopK} {ours}", mapAll, $"mAP@{config.TopK} paper (CIFAR-10)", dataset, config.MapAllQueries);
        }

        private static string DatasetTitle(string name) => name.ToLowerInvariant() switch
        {
            "fashion-mnist" => "Fashion-MNIST",
            "cifar10" => "CIFAR-10",
            "synthetic" => "synthetic shapes",
            _ => DatasetCatalog.Get(name).Name,
        };
    }
}
