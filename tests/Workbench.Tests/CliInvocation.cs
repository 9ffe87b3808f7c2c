using System.Reflection;

namespace Workbench.Tests;

/// <summary>Runs a <c>workbench</c> command line in-process through the CLI's own entry point (parse errors and exception mapping included).</summary>
internal static class CliInvocation
{
    private static readonly MethodInfo Entry =
        Assembly.Load("Workbench.Cli").GetType("Workbench.Cli.Cli", throwOnError: true)!.GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>The exit code of <c>workbench <paramref name="args"/></c>.</summary>
    public static int Invoke(params string[] args) => ((Task<int>)Entry.Invoke(null, [args])!).GetAwaiter().GetResult();
}
