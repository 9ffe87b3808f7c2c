using System.CommandLine;
using System.Runtime.InteropServices;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Papers.Ucdir;
using Workbench.Runtime;
using Workbench.Training.Validation;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench ucdir ablation --preset P [--seeds N] [--pair data:A/B]... [--variant V]... [--set k=v]... [--tables-only] [--results DIR] [--out RUNS]</c>:
/// runs UCDIR's ablation (both variants' four rows on each pair, over seeds, reusing finished runs) and writes
/// <c>results/ucdir/ablation-&lt;preset&gt;.{csv,md}</c> from the run records.
/// </summary>
internal static class UcdirCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset", "-p") { Description = "smoke, reduced or paper.", DefaultValueFactory = _ => "reduced" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per row (seed, seed+1, ...).", DefaultValueFactory = _ => 2 };
        var pairs = new Option<string[]>("--pair") { Description = "Domain pair data:A/B (repeatable), e.g. emoji-office:noto/symbola, emoji-7:noto/symbola. Default: the preset's pair." };
        var variants = new Option<string[]>("--variant") { Description = "Seed and/or Official (default both)." };
        var set = new Option<string[]>("--set", "-s") { Description = "Override for every row, e.g. --set training.epochs=10." };
        var tablesOnly = new Option<bool>("--tables-only") { Description = "Do not train: build the tables from the finished runs there are." };
        var results = new Option<string?>("--results") { Description = "Folder for ablation-<preset>.{csv,md} (default results/ucdir under the repository root)." };
        var outDir = ExperimentCommand.OutOption();
        var data = ExperimentCommand.DataOption();
        var ablation = new Command("ablation", "Run UCDIR's ablation (Seed: IW / CW / CW+SE / CW+SE+DD; Official: IW / +CW / +SE / +DD) and write its tables.")
        {
            preset, seeds, pairs, variants, set, tablesOnly, results, outDir, data,
        };
        ablation.SetAction((parse, cancellation) => Task.Run(() =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.Cancel(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });
            try
            {
                ExperimentCommand.ApplyData(parse, data);
                return Execute(parse, preset, seeds, pairs, variants, set, tablesOnly, results, outDir, stop.Token);
            }
            catch (Exception e) when (e is ConfigValidationException or ArgumentException or InvalidDataException or Data.Catalog.DatasetNotInstalledException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }, CancellationToken.None));
        return new Command("ucdir", "UCDIR helpers: the ablation over both variants, pairs and seeds.") { ablation };
    }

    private static int Execute(ParseResult parse, Option<string> presetOption, Option<int> seedsOption, Option<string[]> pairsOption, Option<string[]> variantsOption,
        Option<string[]> setOption, Option<bool> tablesOnlyOption, Option<string?> resultsOption, Option<string?> outOption, CancellationToken cancellation)
    {
        Threads.Configure();
        var label = PresetLabels.Parse(parse.GetValue(presetOption)!);
        int seeds = parse.GetValue(seedsOption);
        if (seeds < 1) throw new ArgumentException($"--seeds must be at least 1 (got {seeds}).");
        var pairList = (parse.GetValue(pairsOption) ?? []).Select(UcdirPair.Parse).ToList();
        var variantList = (parse.GetValue(variantsOption) ?? []).ToList();
        var overrides = (parse.GetValue(setOption) ?? []).Select(ConfigOverride.Parse).ToList();
        var store = ExperimentCommand.Store(parse.GetValue(outOption));
        var runner = new ExperimentRunner(ExperimentRegistry.Default, store);
        var cells = UcdirAblationPlan.Cells(runner, label, pairList.Count > 0 ? pairList : null, overrides, variantList.Count > 0 ? variantList : null);
        Console.WriteLine($"UCDIR ablation, {label.Name()} preset: {cells.Count} rows x {seeds} seeds, runs in {store.Root}, {Threads.Current} torch thread(s).");
        if (!parse.GetValue(tablesOnlyOption))
        {
            var options = new RunOptions { Cancellation = cancellation, Log = line => Console.WriteLine("    " + line) };
            UcdirAblationPlan.Run(runner, cells, seeds, options, Console.WriteLine);
        }
        var rows = UcdirAblationTable.Collect(store, cells, seeds);
        string folder = parse.GetValue(resultsOption) ?? Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Experiments.Records.RunStore.DefaultRoot()))!, "results", "ucdir");
        string command = $"workbench ucdir ablation --preset {label.Name()} --seeds {seeds}"
                         + string.Concat(pairList.Select(p => $" --pair {p}")) + string.Concat(variantList.Select(v => $" --variant {v}"))
                         + string.Concat(overrides.Select(o => $" --set {o.Path}={o.Text}"));
        var (csv, md) = UcdirAblationTable.Write(folder, label.Name(), rows, command);
        Console.WriteLine($"{rows.Count} of {cells.Count} rows have finished runs. Wrote {csv} and {md}.");
        return rows.Count == cells.Count ? 0 : 3;
    }
}
