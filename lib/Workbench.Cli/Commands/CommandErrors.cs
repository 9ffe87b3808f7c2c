using Spectre.Console;
using Workbench.Data.Catalog;
using Workbench.Experiments.Configs;
using Workbench.Training.Validation;

namespace Workbench.Cli.Commands;

/// <summary>
/// The exit codes of the commands that run experiments (README, "Exit codes"): bad input (an invalid configuration,
/// an unknown name, a missing file, folder or dataset) is 2 with its one message; a run that failed is 1 (its manifest
/// records it). One place, shared by <c>experiment run</c> and <c>ablation</c>.
/// </summary>
internal static class CommandErrors
{
    /// <summary>Runs <paramref name="action"/> and maps its exceptions to exit codes.</summary>
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ConfigValidationException or ArgumentException or InvalidDataException
                                       or DirectoryNotFoundException or FileNotFoundException or DatasetNotInstalledException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AnsiConsole.MarkupLine($"[red]The run failed: {Markup.Escape(e.GetType().Name)}: {Markup.Escape(e.Message)} (the run's manifest records it).[/]");
            return 1;
        }
    }
}
