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
/// <c>workbench reproduce [--paper P] [--rows N | --all | --run ID] [--scratch DIR]</c>: re-trains committed run records
/// (<c>results/&lt;paper&gt;/runs</c>, cheapest first) in a scratch store with the current code, each at the torch
/// thread count it recorded, and prints, per
/// record, committed vs now for its selection metric and every metric beyond its tolerance
/// (<see cref="RecordReproduction"/>). A record that fails to re-train is trained once more; if it fails again it is
/// named and the others go on. Exit 0 no drift,
/// 1 drift beyond tolerance or a failed re-training, 2 bad input.
/// </summary>
internal static class ReproduceCommand
{
    private static readonly string[] Papers = ["spq", "ucdir", "dml"];

    /// <summary>Also accepted by <c>--paper</c>, never by default: the pretraining records take 10–70 min each.</summary>
    private static readonly string[] OnRequest = ["pretrain"];

    public static Command Create()
    {
        var paper = new Option<string[]>("--paper") { Description = "spq, ucdir and/or dml (repeatable; default all three); pretrain re-trains the committed pretraining records (results/pretrain/runs, 10-70 min each) and is never a default.", AllowMultipleArgumentsPerToken = true };
        var rows = new Option<int?>("--rows") { Description = "Re-train the N cheapest records of each paper (default 1)." };
        var all = new Option<bool>("--all") { Description = "Re-train every committed record." };
        var run = new Option<string[]>("--run") { Description = "Re-train only these committed records (run ids; repeatable).", AllowMultipleArgumentsPerToken = true };
        var scratch = new Option<string?>("--scratch") { Description = "Runs folder for the re-trained records (default: a new folder under artifacts/reproduce)." };
        var command = new Command("reproduce", "Re-train committed run records with the current code and print the drift against them.")
        {
            paper, rows, all, run, scratch,
        };
        command.SetAction(parse =>
        {
            string repo = RepositoryRoot.Find(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
            // Records name files relative to the repository root (e.g. init=results/pretrain/runs/<id>/encoder.safetensors),
            // where they were trained: re-train them from there, wherever the command was started.
            Directory.SetCurrentDirectory(repo);
            var papers = parse.GetValue(paper) is { Length: > 0 } chosen ? chosen : Papers;
            if (papers.FirstOrDefault(p => !Papers.Contains(p) && !OnRequest.Contains(p)) is { } unknown)
            {
                Console.Error.WriteLine($"Unknown paper '{unknown}'. Use one of: {string.Join(", ", Papers.Concat(OnRequest))}.");
                return 2;
            }
            int count = parse.GetValue(all) ? int.MaxValue : parse.GetValue(rows) ?? 1;
            if (count < 1)
            {
                Console.Error.WriteLine("--rows must be at least 1.");
                return 2;
            }
            var ids = new HashSet<string>(parse.GetValue(run) ?? [], StringComparer.Ordinal);
            if (ids.Count > 0 && parse.GetValue(all))
            {
                Console.Error.WriteLine("--run and --all exclude each other.");
                return 2;
            }
            var requested = ids.Count;
            string folder = parse.GetValue(scratch) ?? Path.Combine(repo, "artifacts", "reproduce", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var store = new RunStore(folder);
            var drifts = new List<MetricDrift>();
            var failed = new List<string>();
            var total = Stopwatch.StartNew();
            try
            {
                foreach (var p in papers)
                {
                    var reproduction = new RecordReproduction(ExperimentRegistry.Default, Path.Combine(repo, "results", p, "runs"), store);
                    var chosenRecords = (ids.Count > 0 ? reproduction.Records.Where(r => ids.Contains(r.Manifest.RunId)) : reproduction.Records.Take(count)).ToList();
                    foreach (var (_, m) in chosenRecords) ids.Remove(m.RunId);
                    for (int i = 0; i < chosenRecords.Count; i++)
                    {
                        var (dir, manifest) = chosenRecords[i];
                        string threads = RecordReproduction.RecordedThreads(manifest) is int t ? $", {t} thread(s) as recorded" : "";
                        Console.WriteLine($"[{p} {i + 1}/{chosenRecords.Count}] re-training {manifest.RunId} (recorded {manifest.Timings.TotalSeconds:F0} s{threads}) into {folder}");
                        var sw = Stopwatch.StartNew();
                        IReadOnlyList<MetricDrift>? found = null;
                        for (int attempt = 1; found is null; attempt++)
                        {
                            try
                            {
                                found = reproduction.Reproduce(dir, manifest, new RunOptions { Log = _ => { } });
                            }
                            catch (Exception e) when (e is not (InvalidDataException or DatasetNotInstalledException or DirectoryNotFoundException))
                            {
                                // A libtorch error can be TorchSharp's Scalar finalizer race (README, "One failure that was not the
                                // run's fault"): train the record once more. A second failure is named, the others go on, exit 1.
                                Console.WriteLine($"  FAILED {manifest.RunId} (attempt {attempt}) after {sw.Elapsed.TotalSeconds:F0} s: {e.GetType().Name}: {FirstLine(e.Message)}");
                                if (attempt == 2) break;
                            }
                        }
                        if (found is null)
                        {
                            failed.Add(manifest.RunId);
                            continue;
                        }
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
            if (ids.Count > 0)
            {
                Console.Error.WriteLine($"No committed record {string.Join(", ", ids)} in results/<paper>/runs of {string.Join(", ", papers)}{(requested > ids.Count ? " (the others were re-trained)" : "")}.");
                return 2;
            }
            int drifted = drifts.Count(d => d.Drifted);
            Console.WriteLine($"{drifts.Select(d => d.RunId).Distinct().Count()} record(s), {drifts.Count} metrics, {drifted} beyond tolerance, {drifts.Count(d => double.IsNaN(d.Tolerance))} not judged; {total.Elapsed.TotalSeconds:F0} s.");
            if (failed.Count > 0)
                Console.WriteLine($"{failed.Count} record(s) failed to re-train: {string.Join(", ", failed)}; re-check them with --run <id>.");
            return drifted > 0 || failed.Count > 0 ? 1 : 0;
        });
        return command;
    }

    private static string Line(MetricDrift d) => string.Create(CultureInfo.InvariantCulture,
        $"{(d.Drifted ? "DRIFT" : "ok   ")} {d.RunId}  {d.Metric}: committed {d.Committed:G6}, now {d.Now:G6}, |diff| {d.Difference:G3}, tolerance {(double.IsNaN(d.Tolerance) ? "none" : d.Tolerance.ToString("G3", CultureInfo.InvariantCulture))} ({d.Basis})");

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
