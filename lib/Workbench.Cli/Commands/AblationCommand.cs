using Workbench.Cli.Errors;
using System.CommandLine;
using System.Runtime.InteropServices;
using Spectre.Console;
using Workbench.Cli.Slurm;
using Workbench.Experiments.Ablation;
using Workbench.Runtime;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench ablation run|report|status|list &lt;paper&gt;</c>: one verb for every paper's ablation through the
/// <see cref="AblationRunner"/>. <c>run</c> trains what has no finished record and writes the tables to
/// <c>results/&lt;paper&gt;/</c>; <c>report</c> rebuilds the tables from the records without training; <c>status</c>
/// shows each row × seed (pending, running, finished, stopped, failed) and, with <c>--commands</c>, the command line of
/// every run still to do; <c>list</c> shows the papers or one paper's rows.
/// </summary>
internal static class AblationCommand
{
    public static Command Create() => new("ablation", "Run and report the papers' ablation tables (records in artifacts/runs, tables in results/<paper>).")
    {
        Run(),
        Report(),
        Status(),
        List(),
        KeepInspected(),
    };

    private static Command Run()
    {
        var o = new AblationOptions();
        var device = new Option<string?>("--device") { Description = "auto (default), cpu, cuda or cuda:N." };
        var slurm = new SlurmCliOptions();
        var command = o.Command("run", "Run (or reuse) every row x seed, then write results/<paper>/ablation-<preset>.*; with --scheduler slurm, submit them as one job array.",
            [device, .. slurm.All]);
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => ExperimentRunCommand.RequestStop(ctx, stop));
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => ExperimentRunCommand.RequestStop(ctx, stop));
            return CliErrors.Run(() =>
            {
                Threads.Configure();
                var (paper, spec) = o.Resolve(parse);
                var engine = o.Runner(parse);
                if (slurm.UsesSlurm(parse)) return SlurmAblationSubmit.Run(engine, spec, parse, slurm, parse.GetValue(o.Data) ?? [], parse.GetValue(o.Force), o.CommandText(parse, paper));
                var result = AblationProgressView.Run((progress, log) => engine.Run(spec, new AblationRunOptions
                {
                    Force = parse.GetValue(o.Force),
                    Device = parse.GetValue(device),
                    Progress = progress,
                    Log = log,
                    Cancellation = stop.Token,
                }));
                Write(parse, o, paper, result);
                if (stop.IsCancellationRequested) return ExitCodes.Resumable;
                return result.Complete ? ExitCodes.Ok : ExitCodes.Failed;
            });
        }, CancellationToken.None));
        return command;
    }

    private static Command Report()
    {
        var o = new AblationOptions();
        var command = o.Command("report", "Rebuild results/<paper>/ablation-<preset>.* from the finished records (nothing trains).");
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var (paper, spec) = o.Resolve(parse);
            Write(parse, o, paper, o.Runner(parse).Collect(spec));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command KeepInspected()
    {
        var o = new AblationOptions();
        var from = new Option<string>("--from") { Description = "The run store whose records of the inspected runs hold their files (e.g. the store the committed records were copied from).", Required = true };
        var command = o.Command("keep-inspected",
            "Copy the files the paper's notebook reads from its inspected runs (e.g. SPQ 32 bits seed 0: index, per-query rows, map descriptors) from --from into the committed records results/<paper>/runs (or --out); nothing trains.",
            from);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var (paper, spec) = o.Resolve(parse);
            string target = parse.GetValue(o.Out) ?? Path.Combine(AblationRunner.ResultsFolder(paper.Name), "runs");
            var engine = new AblationRunner(new Workbench.Experiments.Records.RunStore(target));
            var written = engine.CopyInspected(paper, spec, new Workbench.Experiments.Records.RunStore(parse.GetValue(from)!), line => AnsiConsole.WriteLine(line));
            AnsiConsole.MarkupLine($"[green]{written.Count} file(s), {written.Sum(f => new FileInfo(f).Length) / 1e6:F2} MB, in {Markup.Escape(target)}[/]");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Status()
    {
        var o = new AblationOptions();
        var commands = new Option<bool>("--commands") { Description = "Print the workbench command line of every run still to do (one per line), e.g. for a batch system." };
        var command = o.Command("status", "Each row x seed: pending, running, finished, stopped or failed (with its message).", commands);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var (_, spec) = o.Resolve(parse);
            var engine = o.Runner(parse);
            if (parse.GetValue(commands))
            {
                foreach (var task in engine.Plan(spec, parse.GetValue(o.Force)).Tasks) Console.WriteLine(task.CommandLine);
                return ExitCodes.Ok;
            }
            var states = engine.Status(spec);
            var table = new Table().AddColumns("row", "seed", "state", "run", "message");
            foreach (var s in states)
            {
                string color = s.State switch { AblationCellState.Finished => "green", AblationCellState.Failed => "red", AblationCellState.Pending => "grey", _ => "yellow" };
                table.AddRow(Markup.Escape(s.Cell.Row.Key), s.Cell.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"[{color}]{s.State.ToString().ToLowerInvariant()}[/]", Markup.Escape(s.RunId ?? ""), Markup.Escape(s.Message ?? ""));
            }
            AnsiConsole.Write(table);
            var counts = states.GroupBy(s => s.State).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
            AnsiConsole.WriteLine($"{spec.Title}: {states.Count} runs: {string.Join(", ", counts)}. Records in {engine.Store.Root}.");
            SlurmStatusView.Show(engine.Store, SlurmAblationScheduler.NameOf(spec));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var paperArg = new Argument<string?>("paper") { Description = "A paper to list the rows of (default: every paper).", Arity = ArgumentArity.ZeroOrOne };
        var o = new AblationOptions();
        var command = new Command("list", "The papers with an ablation, or one paper's rows (method, variant, axis values, seeds).") { paperArg, o.Preset, o.Seeds };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(paperArg) is not { } name)
            {
                var papers = new Table().AddColumns("paper", "also", "ablation");
                foreach (var p in AblationCatalog.Default.Papers) papers.AddRow(p.Name, string.Join(", ", p.Aliases), Markup.Escape(p.Description));
                AnsiConsole.Write(papers);
                return ExitCodes.Ok;
            }
            var paper = AblationCatalog.Default.Get(name);
            var spec = paper.Spec(new AblationRequest(Workbench.Experiments.PresetLabels.Parse(parse.GetValue(o.Preset)!), parse.GetValue(o.Seeds)));
            var table = new Table().AddColumns(["row", "method", "variant", .. spec.Axes, "seeds"]);
            foreach (var row in spec.Rows)
            {
                table.AddRow([Markup.Escape(row.Label), row.Method, row.Variant ?? "(default)", .. spec.Axes.Select(a => Markup.Escape(row.ValueOf(a) ?? "")),
                    string.Join(' ', row.Seeds)]);
            }
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{spec.Title}: {spec.Rows.Count} rows, {spec.Rows.Sum(r => r.Seeds.Count)} runs; tables in {AblationRunner.ResultsFolder(paper.Name)}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(ParseResult parse, AblationOptions o, AblationPaper paper, AblationResult result)
    {
        var missing = result.Rows.Where(r => !r.Complete).Select(r => $"{r.Row.Key} ({r.Runs.Count}/{r.Row.Seeds.Count} seeds)").ToList();
        if (missing.Count > 0) AnsiConsole.MarkupLine($"[yellow]No finished record yet for: {Markup.Escape(string.Join("; ", missing))}. `workbench ablation status {paper.Name}` says why.[/]");
        if (result.WithRuns.Count == 0) throw new ArgumentException($"No row of the {paper.Name} ablation has a finished run in {o.Runner(parse).Store.Root}; run `workbench ablation run {paper.Name}` first.");
        // The date of the newest record, not of this invocation, so that the page is rebuilt byte for byte from the records.
        var date = result.Runs.Max(r => r.Manifest.EndedUtc ?? r.Manifest.StartedUtc).UtcDateTime;
        string folder = o.ResultsFolder(parse, paper);
        var paths = paper.Write(result, folder, new AblationReportContext(o.CommandText(parse, paper), date)).ToList();
        // README block: results/<paper> -> results:<paper>; a sub-folder such as results/<paper>/pretrained -> results:<paper>:pretrained
        string paperFolder = AblationRunner.ResultsFolder(paper.Name);
        string? block = PathsEqual(folder, paperFolder) ? paper.Name
            : Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)) is { } parent && PathsEqual(parent, paperFolder)
                ? ResultsBlock.Name(paper.Name, Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)))
                : null;
        if (result.Spec.Preset == Workbench.Experiments.PresetLabel.Reduced && block is not null
            && RepositoryRoot.Find(folder) is { } repo && File.Exists(Path.Combine(repo, "README.md")))
        {
            string readme = Path.Combine(repo, "README.md");
            string text = File.ReadAllText(readme);
            if (ResultsBlock.Extract(text, block) is not null)
            {
                string updated = ResultsBlock.Replace(text, block, paper.Summary(result));
                if (updated != text) File.WriteAllText(readme, updated, new System.Text.UTF8Encoding(false));
                paths.Add($"{readme} (block results:{block})");
            }
        }
        foreach (string path in paths) AnsiConsole.MarkupLine($"[green]wrote {Markup.Escape(path)}[/]");
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
}
