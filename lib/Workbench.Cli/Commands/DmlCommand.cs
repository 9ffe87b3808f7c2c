using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Experiments;
using Workbench.Papers.FacilityLocation;
using Workbench.Reporting.Tables;
using Workbench.Runtime;
using Workbench.Training.Validation;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench dml ablation</c> (the five losses x three C/m ratios x seeds, run or reused from the
/// records) and <c>workbench dml report</c> (tables rebuilt from the records into <c>results/dml</c>).
/// </summary>
internal static class DmlCommand
{
    public static Command Create() => new("dml", "Facility-location deep metric learning: the loss x C/m ablation and its tables.")
    {
        Ablation(),
        Report(),
    };

    private static Command Ablation()
    {
        var preset = new Option<string>("--preset", "-p") { Description = "smoke, reduced (default) or paper.", DefaultValueFactory = _ => "reduced" };
        var dataset = new Option<string?>("--dataset") { Description = "Default: the preset's dataset (reduced: fonts, 31/31 classes, C/m 0.25/0.5/0.75); fashion-mnist runs classes 0-4/5-9 at C/m 0.5, m = 10." };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per cell, 0..N-1 (default 3).", DefaultValueFactory = _ => 3 };
        var losses = new Option<string?>("--losses") { Description = "Comma-separated subset of the losses (default all five)." };
        var ratios = new Option<string?>("--ratios") { Description = "Comma-separated C/m values (default the plan's)." };
        var shard = new Option<string?>("--shard") { Description = "i/n: run only cells i, i+n, ... (0-based) so n processes share the grid." };
        var noReport = new Option<bool>("--no-report") { Description = "Do not rewrite results/dml after the runs." };
        var force = new Option<bool>("--force") { Description = "Train again even when finished runs exist." };
        var device = new Option<string?>("--device") { Description = "auto, cpu, cuda or cuda:N." };
        var outDir = ExperimentCommand.OutOption();
        var results = ResultsOption();
        var data = ExperimentCommand.DataOption();
        var command = new Command("ablation", "Run (or reuse) every loss x C/m cell with several seeds, then write results/dml/ablation-<preset>.{csv,md}.")
        {
            preset, dataset, seeds, losses, ratios, shard, noReport, force, device, outDir, results, data,
        };
        command.SetAction(parse => Guard(() =>
        {
            Threads.Configure();
            ExperimentCommand.ApplyData(parse, data);
            var label = PresetLabels.Parse(parse.GetValue(preset)!);
            var plan = DmlAblationPlan.For(parse.GetValue(dataset), label);
            if (parse.GetValue(losses) is { } l) plan = plan with { Losses = Split(l) };
            if (parse.GetValue(ratios) is { } r) plan = plan with { Ratios = Split(r).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToList() };
            var (index, count) = ParseShard(parse.GetValue(shard));
            var runner = new ExperimentRunner(ExperimentRegistry.Default, ExperimentCommand.Store(parse.GetValue(outDir)));
            var options = new RunOptions { Device = parse.GetValue(device), Force = parse.GetValue(force), Log = line => AnsiConsole.WriteLine(line) };
            var runs = DmlAblation.Run(runner, plan, parse.GetValue(seeds), options, index, count);
            int failed = runs.Count(x => x.Status != Training.Records.RunStatus.Finished);
            AnsiConsole.MarkupLine($"[{(failed == 0 ? "green" : "red")}]{runs.Count} runs, {failed} not finished.[/]");
            if (!parse.GetValue(noReport)) WriteReport(runner.Store.Root, label.Name(), parse.GetValue(results)!);
            return failed == 0 ? 0 : 1;
        }));
        return command;
    }

    private static Command Report()
    {
        var preset = new Option<string>("--preset", "-p") { Description = "Preset whose runs to tabulate (default reduced).", DefaultValueFactory = _ => "reduced" };
        var outDir = ExperimentCommand.OutOption();
        var results = ResultsOption();
        var command = new Command("report", "Rebuild results/dml/ablation-<preset>.{csv,md} from the finished dml runs.") { preset, outDir, results };
        command.SetAction(parse => Guard(() =>
        {
            WriteReport(ExperimentCommand.Store(parse.GetValue(outDir)).Root, PresetLabels.Parse(parse.GetValue(preset)!).Name(), parse.GetValue(results)!);
            return 0;
        }));
        return command;
    }

    private static void WriteReport(string runsRoot, string preset, string folder)
    {
        var rows = DmlRunRecords.Read(runsRoot, preset);
        IReadOnlyList<PaperResult>? paper = null;
        try
        {
            paper = PaperResults.LoadDefault();
        }
        catch (FileNotFoundException e)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(e.Message)} The paper section is left out.[/]");
        }
        var env = EnvironmentInfo.Capture();
        string machine = $"Machine: {env.Cores} cores, {env.Os}, {env.DotNet}.";
        foreach (var path in DmlAblationReport.Write(rows, preset, folder, paper, machine)) AnsiConsole.WriteLine($"wrote {path}");
    }

    private static Option<string> ResultsOption() =>
        new("--results") { Description = "Folder for the tables (default results/dml under the repository root).", DefaultValueFactory = _ => DefaultResults() };

    private static string DefaultResults()
    {
        string runs = Experiments.Records.RunStore.DefaultRoot();
        return Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(runs)!)!, "results", "dml");
    }

    private static List<string> Split(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static (int Index, int Count) ParseShard(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (0, 1);
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int i) && int.TryParse(parts[1], out int n) && n >= 1 && i >= 0 && i < n) return (i, n);
        throw new ArgumentException($"--shard '{text}' must be i/n with 0 ≤ i < n, e.g. 0/2.");
    }

    private static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ConfigValidationException or ArgumentException or InvalidDataException or DirectoryNotFoundException or FileNotFoundException
                                   or Data.Catalog.DatasetNotInstalledException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
    }
}
