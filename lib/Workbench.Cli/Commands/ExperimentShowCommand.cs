using System.CommandLine;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench experiment show RUN|DIR</c>: one run (facts, metrics, history), an aggregate (mean ± sd), or a grid of the runs in a folder.</summary>
internal static class ExperimentShowCommand
{
    public static Command Create()
    {
        var target = new Argument<string?>("run") { Description = "A run id, a run folder, or a folder of runs (default: the runs folder).", Arity = ArgumentArity.ZeroOrOne };
        var history = new Option<int>("--history") { Description = "History rows to show (default 10).", DefaultValueFactory = _ => 10 };
        var outDir = ExperimentCommand.OutOption();
        var command = new Command("show", "Show a recorded run, a multi-seed aggregate, or a grid of all runs in a folder.") { target, history, outDir };
        command.SetAction(parse =>
        {
            var store = ExperimentCommand.Store(parse.GetValue(outDir));
            string dir = parse.GetValue(target) is { } t ? store.Resolve(t) : store.Root;
            ExperimentViews.Show(dir, Math.Max(1, parse.GetValue(history)));
            return Workbench.Cli.Errors.ExitCodes.Ok;
        });
        return command;
    }
}
