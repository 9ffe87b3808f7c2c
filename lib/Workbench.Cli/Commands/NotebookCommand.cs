using System.CommandLine;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench notebook</c>: run notebooks headless and check that committed ones are clean.</summary>
internal static class NotebookCommand
{
    public static Command Create()
    {
        var command = new Command("notebook", "Run C# notebooks headless (executed .ipynb + HTML report) and check committed notebooks.");
        command.Subcommands.Add(NotebookRunCommand.Create());
        command.Subcommands.Add(NotebookCheckCommand.Create());
        return command;
    }
}
