using System.Reflection;

namespace Workbench.Cli.Slurm;

/// <summary>
/// How a task starts the workbench on a node. Default: the very build that submits, so tasks run the
/// submitter's code: a published <c>workbench</c> executable by its path, or <c>dotnet &lt;path&gt;/Workbench.Cli.dll</c>
/// for a build output (what <c>./workbench</c> runs). Either must be on a filesystem the nodes share, and must not be
/// rebuilt while the array runs (publish a copy for long grids: <c>dotnet publish lib/Workbench.Cli -c Release -o /shared/wb</c>).
/// <c>--workbench "…"</c> or <c>WORKBENCH_SLURM_COMMAND</c> overrides it.
/// </summary>
public static class SlurmLauncher
{
    /// <summary>The environment variable that overrides the command (split on spaces).</summary>
    public const string Variable = "WORKBENCH_SLURM_COMMAND";

    /// <summary>The command words: <paramref name="explicitCommand"/>, else <see cref="Variable"/>, else this process's own CLI.</summary>
    /// <exception cref="ArgumentException">No command could be found (the CLI is hosted by another program).</exception>
    public static IReadOnlyList<string> Resolve(string? explicitCommand)
    {
        string? text = !string.IsNullOrWhiteSpace(explicitCommand) ? explicitCommand : Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(text)) return text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return OwnCli() ?? throw new ArgumentException(
            $"Cannot tell how nodes should start the workbench; pass --workbench \"dotnet /shared/path/Workbench.Cli.dll\" or set {Variable}.");
    }

    /// <summary>The command that started this CLI, or the CLI build next to this assembly; null if neither.</summary>
    public static IReadOnlyList<string>? OwnCli()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");
        if (Assembly.GetEntryAssembly()?.GetName().Name == "Workbench.Cli" && Environment.ProcessPath is { } exe
            && !Path.GetFileNameWithoutExtension(exe).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return [exe]; // apphost or published single-file executable
        }
        bool runnable = File.Exists(dll) && File.Exists(Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.runtimeconfig.json"));
        return runnable ? [Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet", dll] : null;
    }
}
