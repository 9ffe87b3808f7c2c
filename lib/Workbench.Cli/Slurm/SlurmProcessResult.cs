namespace Workbench.Cli.Slurm;

/// <summary>Exit code and captured output of one Slurm client call.</summary>
public sealed record SlurmProcessResult(int ExitCode, string Output, string Error);
