using System.CommandLine;
using Spectre.Console;
using Workbench.Cli.Errors;
using Workbench.Reporting.Tables;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench experiment compare [--method M] [--preset P] [--csv FILE]</c>: every finished run of the runs folder,
/// grouped by method, variant, preset and overrides, with mean ± sample sd of each final metric over the seeds
/// (<see cref="RunRecordMetrics"/> → <see cref="AblationTable"/>), as Markdown.
/// </summary>
internal static class ExperimentCompareCommand
{
    public static Command Create()
    {
        var method = new Option<string?>("--method") { Description = "Only runs of this method." };
        var preset = new Option<string?>("--preset", "-p") { Description = "Only runs of this preset (smoke, reduced, paper)." };
        var csv = new Option<string?>("--csv") { Description = "Also write the table (means and sds, full precision) to this CSV file." };
        var decimals = new Option<int>("--decimals") { Description = "Decimals in the Markdown table (default 4).", DefaultValueFactory = _ => 4 };
        var outDir = ExperimentCommand.OutOption();
        var command = new Command("compare", "Compare finished runs: one row per method, variant, preset and overrides, mean ± sd over seeds.")
        {
            method, preset, csv, decimals, outDir,
        };
        command.SetAction(parse =>
        {
            var store = ExperimentCommand.Store(parse.GetValue(outDir));
            var runs = RunRecordMetrics.FromStore(store, parse.GetValue(method), parse.GetValue(preset), skip => Console.Error.WriteLine($"note: {skip}"));
            if (runs.Count == 0)
            {
                AnsiConsole.MarkupLine($"[yellow]No finished runs{Filter(parse.GetValue(method), parse.GetValue(preset))} in {Markup.Escape(store.Root)}.[/]");
                return ExitCodes.BadInput;
            }
            try
            {
                var table = AblationTable.Build(runs);
                Console.WriteLine(TableMarkdown.Render(table, Math.Clamp(parse.GetValue(decimals), 0, 12)));
                if (parse.GetValue(csv) is { } file)
                {
                    TableCsv.Save(table, file);
                    Console.WriteLine($"wrote {file}");
                }
                return ExitCodes.Ok;
            }
            catch (ArgumentException e)
            {
                CliErrors.Write($"{e.Message} Narrow the runs with --method and --preset.");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static string Filter(string? method, string? preset) =>
        (method is null ? "" : $" of {method}") + (preset is null ? "" : $" with preset {preset}");
}
