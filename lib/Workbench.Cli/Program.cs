using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Cli.Commands;

// Tables keep their columns when the output is a pipe or a log file: Spectre.Console falls back to
// 80 columns there and wraps every cell. $COLUMNS wins when set.
if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int columns) && columns >= 40)
{
    AnsiConsole.Profile.Width = columns;
}
else if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200;
}

var root = new RootCommand(
    "Retrieval Workbench: run the UCDIR, SPQ and facility-location experiments, notebooks and reports.");
foreach (var command in CommandCatalog.Create())
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();
