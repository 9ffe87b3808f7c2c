namespace Workbench.Notebooks.Tests.Cli;

/// <summary>Runs the <c>workbench</c> CLI built next to the tests as a child process (one process per notebook, as users run it).</summary>
internal static class CliHost
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");

    // As `workbench report` starts its children: libgomp waits passively, so torch stays fast when the test run oversubscribes the cores.
    private static readonly Dictionary<string, string> Environment = new() { ["OMP_WAIT_POLICY"] = "PASSIVE" };

    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, TimeSpan timeout, params string[] args) =>
        ExternalTools.Run("dotnet", [Dll, .. args], workingDirectory, timeout, Environment);
}
