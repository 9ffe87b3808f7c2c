using System.CommandLine;

namespace Workbench.Cli.Commands;

/// <summary>Every top-level command of the <c>workbench</c> tool, in help order.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create()
    {
        yield return EnvCommand.Create();
        yield return DataCommand.Create();
        yield return ExperimentCommand.Create();
        yield return NotebookCommand.Create();
        yield return ReportCommand.Create();
        yield return AblationCommand.Create();
        yield return ReproduceCommand.Create();
        yield return ExperimentRunCommand.Create("pretrain", Papers.Pretraining.PretrainMethod.MethodName,
            "Pretrain a paper's encoder without labels (SimCLR) on images outside its evaluation data: --set target=ucdir|spq|dml; " +
            "later runs start from it with --set init=<run folder>/encoder.safetensors. Same options as `experiment run`.");
    }
}
