using System.CommandLine;
using System.Reflection;

namespace Workbench.Tests;

/// <summary>Runs a <c>workbench</c> command line in-process through the CLI's own command catalog.</summary>
internal static class CliInvocation
{
    /// <summary>The exit code of <c>workbench <paramref name="args"/></c>.</summary>
    public static int Invoke(params string[] args)
    {
        var catalog = Assembly.Load("Workbench.Cli").GetType("Workbench.Cli.Commands.CommandCatalog", throwOnError: true)!;
        var commands = (IEnumerable<Command>)catalog.GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
        var root = new RootCommand("test");
        foreach (var c in commands) root.Subcommands.Add(c);
        return root.Parse(args).Invoke();
    }
}
