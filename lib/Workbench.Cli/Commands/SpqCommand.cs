using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Workbench.Experiments;
using Workbench.Experiments.Records;
using Workbench.Papers.Spq;
using Workbench.Papers.Spq.Ablation;
using Workbench.Papers.Spq.Baselines;
using Workbench.Reporting.Tables;
using Workbench.Runtime;
using Workbench.Training.Validation;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench spq</c>: SPQ's ablation (16/32/64 bits x SPQ, SPQ-C, SPQ-H and the classic baselines,
/// written to <c>results/spq/ablation-&lt;preset&gt;.{csv,md}</c>) and single baseline runs. Single SPQ runs
/// are <c>workbench experiment run spq</c>.
/// </summary>
internal static class SpqCommand
{
    public static Command Create() =>
        new("spq", "SPQ's bit-length ablation against classic baselines (records in artifacts/runs, tables in results/spq).")
        {
            Ablation(),
            Baseline(),
        };

    private static Command Ablation()
    {
        var preset = new Option<string>("--preset", "-p") { Description = "smoke, reduced or paper.", DefaultValueFactory = _ => "reduced" };
        var bits = new Option<string>("--bits") { Description = "Code lengths, comma-separated.", DefaultValueFactory = _ => "16,32,64" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds of SPQ at 32 bits (the other rows run one seed).", DefaultValueFactory = _ => 2 };
        var official = new Option<string>("--official-bits") { Description = "Code lengths at which the Official variant also runs (empty: none); run last.", DefaultValueFactory = _ => "32" };
        var collect = new Option<bool>("--collect-only") { Description = "Do not train: build the tables from the finished records only." };
        var force = new Option<bool>("--force") { Description = "Train every run again even if a finished record exists." };
        var results = new Option<string?>("--results") { Description = "Folder of the tables (default: results/spq under the repository root)." };
        var device = new Option<string?>("--device") { Description = "auto (default), cpu, cuda or cuda:N." };
        var outDir = ExperimentCommand.OutOption();
        var data = ExperimentCommand.DataOption();
        var command = new Command("ablation", "Run (or reuse) every run of the ablation and write results/spq/ablation-<preset>.{csv,md}.")
        {
            preset, bits, seeds, official, collect, force, results, device, outDir, data,
        };
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            try
            {
                Threads.Configure();
                ExperimentCommand.ApplyData(parse, data);
                var label = PresetLabels.Parse(parse.GetValue(preset)!);
                var plan = new SpqAblationPlan
                {
                    Preset = label,
                    Bits = ParseBits(parse.GetValue(bits)!),
                    Seeds = parse.GetValue(seeds),
                    OfficialBits = ParseBits(parse.GetValue(official) ?? "", allowEmpty: true),
                };
                var store = ExperimentCommand.Store(parse.GetValue(outDir));
                var ablation = new SpqAblation(store);
                var clock = Stopwatch.StartNew();
                bool collectOnly = parse.GetValue(collect);
                var entries = collectOnly
                    ? ablation.Collect(plan)
                    : ExperimentProgress.Run((progress, log) => ablation.Run(plan,
                        new RunOptions { Device = parse.GetValue(device), Progress = progress, Log = log, Cancellation = cancellation }, parse.GetValue(force)));
                var missing = entries.Where(e => !e.Complete).Select(e => $"{e.Item.Method} {e.Item.Bits} bits").ToList();
                if (missing.Count > 0) AnsiConsole.MarkupLine($"[yellow]No finished record yet for: {Markup.Escape(string.Join(", ", missing))}.[/]");
                string folder = parse.GetValue(results) ?? Path.Combine(Path.GetDirectoryName(RunStore.DefaultRoot())!, "..", "results", "spq");
                var paper = TryPaperResults();
                string commandText = $"workbench spq ablation --preset {label.Name()}";
                var (csv, md) = SpqAblationReport.Write(entries, label, paper, Path.GetFullPath(folder), collectOnly ? null : clock.Elapsed.TotalSeconds, commandText);
                AnsiConsole.WriteLine(File.ReadAllText(md));
                AnsiConsole.MarkupLine($"[green]Wrote {Markup.Escape(csv)} and {Markup.Escape(md)}.[/]");
                return 0;
            }
            catch (Exception e) when (e is ConfigValidationException or ArgumentException or InvalidDataException or Data.Catalog.DatasetNotInstalledException)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 2;
            }
            catch (InvalidOperationException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/] Finished runs are kept; run the command again to continue.");
                return 1;
            }
        }, CancellationToken.None));
        return command;
    }

    private static Command Baseline()
    {
        var preset = new Option<string>("--preset", "-p") { Description = "smoke, reduced or paper.", DefaultValueFactory = _ => "reduced" };
        var kind = new Option<string>("--kind") { Description = "pq-pixels, pq-pca or lsh.", DefaultValueFactory = _ => "pq-pixels" };
        var bits = new Option<int>("--bits") { Description = "16, 32 or 64.", DefaultValueFactory = _ => 32 };
        var seed = new Option<long>("--seed") { Description = "Seed of k-means / the hyperplanes." };
        var force = new Option<bool>("--force") { Description = "Run again even if a finished record exists." };
        var outDir = ExperimentCommand.OutOption();
        var command = new Command("baseline", "Fit and evaluate one classic baseline with the protocol of an SPQ preset; recorded under artifacts/runs.")
        {
            preset, kind, bits, seed, force, outDir,
        };
        command.SetAction(parse =>
        {
            try
            {
                Threads.Configure();
                var label = PresetLabels.Parse(parse.GetValue(preset)!);
                var baseline = ParseKind(parse.GetValue(kind)!);
                var config = SpqBaselineConfig.ForPreset(label, baseline, parse.GetValue(bits), parse.GetValue(seed));
                var runner = new SpqBaselineRunner(ExperimentCommand.Store(parse.GetValue(outDir)));
                var result = runner.Run(config, label, force: parse.GetValue(force), log: line => AnsiConsole.WriteLine(line));
                ExperimentViews.Show(result.Directory);
                return 0;
            }
            catch (Exception e) when (e is ConfigValidationException or ArgumentException or Data.Catalog.DatasetNotInstalledException)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 2;
            }
        });
        return command;
    }

    private static IReadOnlyList<PaperResult>? TryPaperResults()
    {
        try
        {
            return PaperResults.LoadDefault();
        }
        catch (FileNotFoundException e)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(e.Message)} The table has no paper column values.[/]");
            return null;
        }
    }

    private static List<int> ParseBits(string text, bool allowEmpty = false)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 && !allowEmpty) throw new ArgumentException("--bits needs at least one code length, e.g. 16,32,64.");
        var list = new List<int>();
        foreach (var p in parts)
        {
            if (!int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out int b) || !SpqConfig.AblationBits.Contains(b))
            {
                throw new ArgumentException($"'{p}' is not one of SPQ's code lengths (16, 32, 64).");
            }
            list.Add(b);
        }
        return list;
    }

    private static SpqBaselineKind ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "pq-pixels" or "pqpixels" or "pq" => SpqBaselineKind.PqPixels,
        "pq-pca" or "pqpca" or "pca" => SpqBaselineKind.PqPca,
        "lsh" => SpqBaselineKind.Lsh,
        _ => throw new ArgumentException($"Unknown baseline '{text}'; use pq-pixels, pq-pca or lsh."),
    };
}
