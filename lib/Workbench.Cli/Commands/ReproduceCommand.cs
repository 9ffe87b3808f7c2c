using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Workbench.Data.Catalog;
using Workbench.Experiments;
using Workbench.Experiments.Records;
using Workbench.Experiments.Reproduction;
using Workbench.Runtime;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench reproduce [--paper P] [--rows N | --all] [--scratch DIR]</c>: re-trains committed run records
/// (<c>results/&lt;paper&gt;/runs</c>, cheapest first) in a scratch store with the current code, each at the torch
/// thread count it recorded, and prints, per
/// record, committed vs now for its selection metric and every metric beyond its tolerance
/// (<see cref="RecordReproduction"/>). Exit 0 no drift, 1 drift beyond tolerance, 2 bad input.
/// </summary>
internal static class ReproduceCommand
{
    private static readonly string[] Papers = ["spq", "ucdir", "dml"];

    public static Command Create()
    {
        var paper = new Option<string[]>("--paper") { Description = "spq, ucdir and/or dml (repeatable; default all three).", AllowMultipleArgumentsPerToken = true };
        var rows = new Option<int?>("--rows") { Description = "Re-train the N cheapest records of each paper (default 1)." };
        var all = new Option<bool>("--all") { Description = "Re-train every committed record." };
        var scratch = new Option<string?>("--scratch") { Description = "Runs folder for the re-trained records (default: a new folder under artifacts/reproduce)." };
        var command = new Command("reproduce", "Re-train committed run records with the current code and print the drift against them.")
        {
            paper, rows, all, scratch,
        };
        command.SetAction(parse =>
        {
            string repo = RepositoryRoot.Find(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
            var papers = parse.GetValue(paper) is { Length: > 0 } chosen ? chosen : Papers;
            if (papers.FirstOrDefault(p => !Papers.Contains(p)) is { } unknown)
            {
                Console.Error.WriteLine($"Unknown paper '{unknown}'. Use one of: {string.Join(", ", Papers)}.");
                return 2;
            }
            int count = parse.GetValue(all) ? int.MaxValue : parse.GetValue(rows) ?? 1;
            if (count < 1)
            {
                Console.Error.WriteLine("--rows must be at least 1.");
                return 2;
            }
            string folder = parse.GetValue(scratch) ?? Path.Combine(repo, "artifacts", "reproduce", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var store = new RunStore(folder);
            var drifts = new List<MetricDrift>();
            var total = Stopwatch.StartNew();
            try
            {
                foreach (var p in papers)
                {
                    var reproduction = new RecordReproduction(ExperimentRegistry.Default, Path.Combine(repo, "results", p, "runs"), store);
                    var chosenRecords = reproduction.Records.Take(count).ToList();
                    for (int i = 0; i < chosenRecords.Count; i++)
                    {
                        var (dir, manifest) = chosenRecords[i];
                        string threads = RecordReproduction.RecordedThreads(manifest) is int t ? $", {t} thread(s) as recorded" : "";
                        Console.WriteLine($"[{p} {i + 1}/{chosenRecords.Count}] re-training {manifest.RunId} (recorded {manifest.Timings.TotalSeconds:F0} s{threads}) into {folder}");
                        var sw = Stopwatch.StartNew();
                        var found = reproduction.Reproduce(dir, manifest, new RunOptions { Log = _ => { } });
                        drifts.AddRange(found);
                        var selection = RunStore.ReadJson<MetricsRecord>(Path.Combine(dir, RunFiles.Metrics)).Selection?.Metric;
                        foreach (var d in found.Where(d => d.Metric == selection || d.Drifted)) Console.WriteLine("  " + Line(d));
                        Console.WriteLine($"  {found.Count(d => d.Drifted)} of {found.Count} metrics beyond tolerance; {sw.Elapsed.TotalSeconds:F0} s");
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or DatasetNotInstalledException or DirectoryNotFoundException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            int drifted = drifts.Count(d => d.Drifted);
            Console.WriteLine($"{drifts.Select(d => d.RunId).Distinct().Count()} record(s), {drifts.Count} metrics, {drifted} beyond tolerance, {drifts.Count(d => double.IsNaN(d.Tolerance))} not judged; {total.Elapsed.TotalSeconds:F0} s.");
            return drifted > 0 ? 1 : 0;
        });
        return command;
    }

    private static string Line(MetricDrift d) => string.Create(CultureInfo.InvariantCulture,
        $"{(d.Drifted ? "DRIFT" : "ok   ")} {d.RunId}  {d.Metric}: committed {d.Committed:G6}, now {d.Now:G6}, |diff| {d.Difference:G3}, tolerance {(double.IsNaN(d.Tolerance) ? "none" : d.Tolerance.ToString("G3", CultureInfo.InvariantCulture))} ({d.Basis})");
}
