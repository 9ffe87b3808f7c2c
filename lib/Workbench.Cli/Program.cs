using System.CommandLine;
using Workbench.Cli.Commands;

var root = new RootCommand(
    "Retrieval Workbench: run the UCDIR, SPQ and facility-location experiments, notebooks and reports.");
foreach (var command in CommandCatalog.Create())
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();
