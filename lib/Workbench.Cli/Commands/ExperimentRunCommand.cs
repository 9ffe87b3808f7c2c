using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Spectre.Console;
using Workbench.Cli.Errors;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Runtime;
using Workbench.Training.Records;
using Workbench.Training.Validation;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench experiment run METHOD --preset P [--variant V] [--seed S] [--set k=v]... [--config f.json] [--seeds N] [--resume RUN] [--force] [--device D] [--out DIR]</c>.</summary>
internal static class ExperimentRunCommand
{
    /// <summary>
    /// The command; with <paramref name="fixedMethod"/> it is named <paramref name="name"/> and runs that method without a
    /// method argument (<c>workbench pretrain</c> = <c>workbench experiment run pretrain</c>).
    /// </summary>
    public static Command Create(string name = "run", string? fixedMethod = null, string? description = null)
    {
        var method = fixedMethod is null
            ? new Argument<string>("method") { Description = "Method name (see `workbench experiment list`)." }
            : new Argument<string>("method") { Hidden = true, Arity = ArgumentArity.Zero, DefaultValueFactory = _ => fixedMethod };
        var preset = new Option<string?>("--preset", "-p") { Description = "smoke (seconds), reduced (minutes on CPU) or paper (GPU)." };
        var variant = new Option<string?>("--variant") { Description = "Variant preset to start from, e.g. Seed or Official (default: the method's first)." };
        var set = new Option<string[]>("--set", "-s") { Description = "Override a setting: --set training.epochs=5 (repeatable; a unique trailing part is enough)." };
        var config = new Option<string?>("--config") { Description = "JSON file with (part of) the configuration, applied before --set." };
        var seed = new Option<long?>("--seed") { Description = "Run seed (default: the preset's, 0); with --seeds N the first of N seeds." };
        var seeds = new Option<int>("--seeds") { Description = "Run seeds seed..seed+N-1 and record mean and sample sd per metric.", DefaultValueFactory = _ => 1 };
        var resume = new Option<string?>("--resume") { Description = "Continue an interrupted run (id or folder) from its last checkpoint." };
        var force = new Option<bool>("--force") { Description = "Train a new record even if a finished run of the same experiment exists (or one with this configuration but other data, code version or threads)." };
        var device = new Option<string?>("--device") { Description = "auto (default), cpu, cuda or cuda:N; default from WORKBENCH_DEVICE." };
        var budget = new Option<string?>("--time-budget") { Description = "Stop resumably after this wall-clock time per run: 90m, 2h, 45s or hh:mm:ss." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the resolved configuration and its hash, then stop." };
        var outDir = ExperimentCommand.OutOption();
        var data = ExperimentCommand.DataOption();
        var dataRoot = ExperimentCommand.DataRootOption();
        var command = new Command(name, description ?? "Train a method with a preset; records go to artifacts/runs/<run-id>/.")
        {
            method, preset, variant, set, config, seed, seeds, resume, force, device, budget, dryRun, outDir, data, dataRoot,
        };
        // System.CommandLine 2.0.0 leaves Ctrl+C unhandled unless the host sets ProcessTerminationTimeout,
        // so the command stops gracefully on its own: the first SIGINT/SIGTERM cancels (the trainer stops
        // before its next step and records the run as resumable), a second one ends the process.
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => RequestStop(ctx, stop));
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => RequestStop(ctx, stop));
            return CliErrors.Run(() =>
            {
                ExperimentCommand.ApplyData(parse, data, dataRoot);
                return Execute(parse, method, preset, variant, set, config, seed, seeds, resume, force, device, budget, dryRun, outDir, stop.Token);
            });
        }, CancellationToken.None));
        return command;
    }

    /// <summary>The first SIGINT/SIGTERM cancels <paramref name="stop"/> (runs stop resumably before their next step); a second one ends the process.</summary>
    internal static void RequestStop(PosixSignalContext context, CancellationTokenSource stop)
    {
        if (stop.IsCancellationRequested) return; // second signal: let it end the process
        context.Cancel = true;
        Console.Error.WriteLine("Stopping after the current step and recording the run (press Ctrl+C again to kill)...");
        stop.Cancel();
    }

    private static int Execute(ParseResult parse, Argument<string> method, Option<string?> preset, Option<string?> variant, Option<string[]> set,
        Option<string?> config, Option<long?> seed, Option<int> seeds, Option<string?> resume, Option<bool> force, Option<string?> device, Option<string?> budget,
        Option<bool> dryRun, Option<string?> outDir, CancellationToken cancellation)
    {
        Threads.Configure(); // WORKBENCH_THREADS, else every core; recorded in the manifest
        var runner = new ExperimentRunner(ExperimentRegistry.Default, ExperimentCommand.Store(parse.GetValue(outDir)));
        var options = new RunOptions
        {
            Device = parse.GetValue(device),
            Force = parse.GetValue(force),
            TimeBudget = ParseBudget(parse.GetValue(budget)),
            Cancellation = cancellation,
        };
        string methodName = parse.GetValue(method)!;
        if (parse.GetValue(resume) is { } runId)
        {
            if ((parse.GetValue(set)?.Length ?? 0) > 0 || parse.GetValue(config) is not null || parse.GetValue(variant) is not null || parse.GetValue(seeds) != 1 || parse.GetValue(seed) is not null)
            {
                throw new ArgumentException("--resume continues a run with the configuration in its manifest; drop --set, --config, --variant, --seed and --seeds.");
            }
            var manifest = RunStore.ReadManifest(runner.Store.Resolve(runId));
            if (!string.Equals(manifest.Method, methodName, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Run {manifest.RunId} is a {manifest.Method} run, not {methodName}.");
            }
            var resumed = ExperimentProgress.Run((progress, log) => runner.Resume(runId, options with { Progress = progress, Log = log }));
            return Report(resumed);
        }
        var label = PresetLabels.Parse(parse.GetValue(preset) ?? throw new ArgumentException("Choose a preset: --preset smoke, reduced or paper."));
        var overrides = new List<ConfigOverride>();
        if (parse.GetValue(config) is { } file) overrides.AddRange(ConfigOverride.FromJsonFile(file));
        overrides.AddRange((parse.GetValue(set) ?? []).Select(ConfigOverride.Parse));
        var experiment = runner.Resolve(methodName, label, parse.GetValue(variant), overrides);
        if (parse.GetValue(seed) is { } first) experiment = experiment.WithSeed(first);
        int count = parse.GetValue(seeds);
        if (count < 1) throw new ArgumentException($"--seeds must be at least 1 (got {count}).");
        if (parse.GetValue(dryRun))
        {
            AnsiConsole.WriteLine(JsonSerializer.Serialize(ConfigHash.ToJson(experiment.Config), RecordJson.Indented));
            AnsiConsole.MarkupLine($"config hash [bold]{experiment.ConfigHash}[/]  run id [bold]{Markup.Escape(experiment.BaseRunId)}[/]");
            return ExitCodes.Ok;
        }
        if (count == 1)
        {
            return Report(ExperimentProgress.Run((progress, log) => runner.Run(experiment, options with { Progress = progress, Log = log })));
        }
        var multi = ExperimentProgress.Run((progress, log) => runner.RunSeeds(experiment, count, options with { Progress = progress, Log = log }));
        int worst = multi.Runs.Select(r => Report(r, quiet: true)).DefaultIfEmpty(0).Max();
        if (multi.AggregateDirectory is { } dir) ExperimentViews.Show(dir);
        else AnsiConsole.MarkupLine($"[yellow]Not every seed finished ({multi.Runs.Count} of {count} ran); no aggregate was written.[/]");
        return worst;
    }

    private static int Report(RunResult result, bool quiet = false)
    {
        if (!quiet) ExperimentViews.Show(result.Directory);
        string color = result.Status switch { RunStatus.Finished => "green", RunStatus.Cancelled or RunStatus.TimeBudgetExhausted => "yellow", _ => "red" };
        string line = $"{result.RunId}: {result.Status}{(result.Reused ? " (reused)" : "")}. {result.Message}";
        if (Console.IsOutputRedirected) Console.WriteLine(line); // one unwrapped line in files and pipes
        else AnsiConsole.MarkupLine($"[{color}]{Markup.Escape(line)}[/]");
        return ExitCode(result.Status);
    }

    /// <summary>The exit code of a run's status (README, "Exit codes").</summary>
    public static int ExitCode(RunStatus status) => status switch
    {
        RunStatus.Finished => ExitCodes.Ok,
        RunStatus.Cancelled or RunStatus.TimeBudgetExhausted => ExitCodes.Resumable,
        _ => ExitCodes.Failed,
    };

    private static TimeSpan? ParseBudget(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) && text.Contains(':')) return t;
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            switch (char.ToLowerInvariant(text[^1]))
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
            }
        }
        throw new ArgumentException($"--time-budget '{text}' is not a duration; use 90m, 2h, 45s or hh:mm:ss.");
    }
}
