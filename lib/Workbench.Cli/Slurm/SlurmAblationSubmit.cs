using Workbench.Runtime;
using System.CommandLine;
using Spectre.Console;
using Workbench.Experiments.Ablation;

namespace Workbench.Cli.Slurm;

/// <summary>
/// <c>workbench ablation run &lt;paper&gt; --scheduler slurm</c>: plans the ablation, submits the runs without a finished
/// record as one job array (or prints its script with <c>--dry-run</c>) and says how to follow it. Nothing trains here.
/// </summary>
internal static class SlurmAblationSubmit
{
    /// <summary>Submits (or prints) and returns the exit code: 0 submitted or nothing to do, 2 Slurm unreachable or refused.</summary>
    /// <param name="engine">The engine over the run store (<c>--out</c>).</param>
    /// <param name="spec">The ablation (filters applied).</param>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="slurm">The Slurm options of the command.</param>
    /// <param name="data">The <c>--data name=folder</c> pairs, passed on to every task.</param>
    /// <param name="force">Train every row again (<c>--force</c>).</param>
    /// <param name="command">The <c>workbench ablation run …</c> text of this ablation (for the follow-up commands it prints).</param>
    public static int Run(AblationRunner engine, AblationSpec spec, ParseResult parse, SlurmCliOptions slurm, IReadOnlyList<string> data, bool force, string command)
    {
        bool dryRun = parse.GetValue(slurm.DryRun);
        string name = SlurmAblationScheduler.NameOf(spec);
        var scheduler = new SlurmAblationScheduler(name, slurm.JobOptions(parse), data, dryRun);
        try
        {
            // Messages go to stderr, so that --dry-run's stdout is exactly the script.
            engine.Run(spec, new AblationRunOptions { Force = force, Scheduler = scheduler, Log = Console.Error.WriteLine });
        }
        catch (SlurmException e)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
        if (dryRun)
        {
            if (scheduler.Script is { } script) Console.Out.Write(script);
            return 0;
        }
        if (scheduler.Submission is { } s)
        {
            string Follow(string verb) => command.Replace("ablation run", "ablation " + verb, StringComparison.Ordinal) + " --out " + ShellQuote.Word(engine.Store.Root);
            Console.Error.WriteLine("Follow it with:         " + Follow("status"));
            Console.Error.WriteLine("Tables from what ended: " + Follow("report"));
            Console.Error.WriteLine($"Scripts and logs: {s.Directory}");
        }
        return 0;
    }
}
