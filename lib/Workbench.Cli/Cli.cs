using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Cli.Commands;
using Workbench.Cli.Errors;
using Workbench.Runtime;

namespace Workbench.Cli;

/// <summary>
/// The <c>workbench</c> command line: console set-up (no colour codes in files and pipes, table width), the
/// command tree, parse errors (one message, a did-you-mean, exit 2), help under the name <c>workbench</c>,
/// and every command's exceptions through <see cref="CliErrors"/>.
/// </summary>
internal static class Cli
{
    /// <summary>The tool's name in help and messages.</summary>
    public const string Name = "workbench";

    /// <summary>Width of tables when the output is a file or a pipe (and <c>$COLUMNS</c> is not set).</summary>
    public const int PipeWidth = 120;

    /// <summary>Runs <c>workbench <paramref name="args"/></c> and returns its exit code (README, "Exit codes").</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ConfigureConsole();
        var root = CreateRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !WantsHelp(args)) return ParseError(parse);
        var config = new InvocationConfiguration
        {
            Output = new NamedWriter(Console.Out),
            Error = new NamedWriter(Console.Error),
            EnableDefaultExceptionHandler = false, // CliErrors maps every exception
        };
        return await CliErrors.RunAsync(() => parse.InvokeAsync(config)).ConfigureAwait(false);
    }

    /// <summary>The root command with every command of <see cref="CommandCatalog"/>.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("Retrieval Workbench: run the UCDIR, SPQ and facility-location experiments, notebooks and reports.");
        foreach (var command in CommandCatalog.Create()) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>
    /// Spectre.Console writes no colour or cursor codes when standard output is not a terminal or <c>NO_COLOR</c> is set,
    /// and tables get <c>$COLUMNS</c> (else <see cref="PipeWidth"/>) columns in files and pipes.
    /// </summary>
    public static void ConfigureConsole()
    {
        bool plain = Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        if (plain)
        {
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
        }
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int columns) && columns >= 40)
        {
            AnsiConsole.Profile.Width = columns;
        }
        else if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = PipeWidth;
        }
    }

    private static bool WantsHelp(string[] args) => args.Any(a => a is "-h" or "--help" or "-?" or "/?");

    /// <summary>One line for the first parse error (an unknown command or option gets a did-you-mean), where to get help, exit 2.</summary>
    private static int ParseError(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
        string message = error.Message;
        var unmatched = parse.UnmatchedTokens.FirstOrDefault();
        if (unmatched is not null)
        {
            var names = command.Subcommands.Select(c => c.Name)
                .Concat(command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)))
                .Where(n => !n.StartsWith('/'));
            message += DidYouMean.Hint(unmatched, names);
        }
        string path = string.Join(' ', Path(command).Prepend(Name));
        CliErrors.Write($"{message} See `{path} --help`.");
        return ExitCodes.BadInput;
    }

    private static IEnumerable<string> Path(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c && s is not RootCommand; s = c.Parents.FirstOrDefault()) names.Insert(0, c.Name);
        return names;
    }

    /// <summary>Writes through to a console stream, naming the tool <c>workbench</c> where .NET would print its assembly name.</summary>
    private sealed class NamedWriter(TextWriter inner) : TextWriter
    {
        private static readonly string Assembly = RootCommand.ExecutableName;

        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value?.Replace(Assembly, Name, StringComparison.Ordinal));

        public override void WriteLine(string? value) => inner.WriteLine(value?.Replace(Assembly, Name, StringComparison.Ordinal));

        public override void Flush() => inner.Flush();
    }
}
