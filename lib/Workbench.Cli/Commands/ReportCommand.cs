using System.CommandLine;
using System.Globalization;
using Workbench.Data.Catalog;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Notebooks.Reports;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench report [--preset reduced|smoke|paper] [--out DIR] [--retrain] [--data-root DIR]</c>: installs the real data
/// the papers' ablations read when it is missing (<see cref="DataSetup"/>), runs every notebook in notebooks/, each in its
/// own process with the preset as parameter <c>preset</c>, and writes one HTML report per notebook and <c>index.html</c>
/// (default folder artifacts/reports). The notebooks show the committed records (<c>results/&lt;paper&gt;/runs</c>,
/// <see cref="Workbench.Experiments.Records.RunStore.WithCommittedRecords"/>) and train only what no record covers;
/// <c>--retrain</c> trains everything afresh into artifacts/runs.
/// </summary>
internal static class ReportCommand
{
    private static readonly string[] Presets = ["smoke", "reduced", "paper"];

    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "smoke (seconds, CI), reduced (minutes on a CPU; default) or paper (GPU).", DefaultValueFactory = _ => "reduced" };
        preset.AcceptOnlyFromAmong(Presets);
        var output = new Option<string?>("--out", "-o") { Description = "Output folder (default: artifacts/reports in the repository)." };
        var timeout = new Option<double?>("--timeout") { Description = "Time limit in seconds for each notebook (exit 124)." };
        var retrain = new Option<bool>("--retrain") { Description = "Train every run afresh into artifacts/runs instead of showing the committed records (results/<paper>/runs)." };
        var dataRoot = new Option<string?>("--data-root") { Description = "Data root (default: $WORKBENCH_DATA, else ~/.cache/workbench/data); missing real data is installed there." };
        var command = new Command("report", "Install missing real data, run every notebook in notebooks/ with a preset (committed records shown, not retrained) and write artifacts/reports/index.html (self-contained, offline).")
        {
            preset, output, timeout, retrain, dataRoot,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            string chosen = parse.GetValue(preset) ?? "reduced";
            string outDir = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(NotebookPaths.RepoRoot, "artifacts", "reports"));
            var notebooks = NotebookPaths.RepoNotebooks();
            if (notebooks.Count == 0)
            {
                Console.Error.WriteLine($"workbench report: no notebooks in {Path.Combine(NotebookPaths.RepoRoot, "notebooks")}.");
                return 2;
            }
            Directory.CreateDirectory(outDir);
            if (parse.GetValue(dataRoot) is { } rootPath) Environment.SetEnvironmentVariable(DataRoot.EnvironmentVariable, Path.GetFullPath(DataRoot.ExpandHome(rootPath)));
            if (parse.GetValue(retrain)) Environment.SetEnvironmentVariable("WORKBENCH_RETRAIN", "1"); // the notebook processes inherit it
            int setup = Errors.CliErrors.Run(() =>
            {
                DataSetup.EnsureInstalled(DatasetsOf(PresetLabels.Parse(chosen)), DataRoot.Resolve(), new Progress(line => Console.Error.WriteLine("  " + line)));
                return 0;
            });
            if (setup != 0) return setup;
            var runs = new List<RunManifest>();
            int exit = 0;
            foreach (var nb in notebooks)
            {
                string stem = Path.GetFileNameWithoutExtension(nb);
                string manifestPath = Path.Combine(outDir, stem + NotebookArtifacts.ManifestSuffix);
                var args = new List<string> { "-p", "preset=" + chosen, "--out", outDir, "--no-index" };
                if (parse.GetValue(timeout) is { } t) args.AddRange(["--timeout", t.ToString(CultureInfo.InvariantCulture)]);
                var given = new Dictionary<string, string> { ["preset"] = chosen };
                int code = await NotebookSupervisor.RunAsync(nb, outDir, given, args, cancellation).ConfigureAwait(false);
                runs.Add(File.Exists(manifestPath) ? RunManifest.Load(manifestPath) : Crashed(nb, stem, code));
                if (exit == 0) exit = code;
            }
            string index = Path.Combine(outDir, "index.html");
            ReportIndex.Build(runs, $"Retrieval Workbench reports ({chosen})", [("preset", chosen), ("generated", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))]).Save(index);
            foreach (var r in runs) Console.Error.WriteLine($"  {r.Status,-14} {r.WallMs / 1000,6:F1} s  {r.Notebook}");
            Console.Error.WriteLine($"index: {index}");
            return exit;
        });
        return command;
    }

    /// <summary>The installable datasets the papers' ablations read at <paramref name="preset"/> (what the notebooks show).</summary>
    internal static IReadOnlyList<string> DatasetsOf(PresetLabel preset)
    {
        var engine = new AblationRunner(new Workbench.Experiments.Records.RunStore(Path.Combine(Path.GetTempPath(), "workbench-unused-runs")));
        return AblationCatalog.Default.Papers
            .SelectMany(p => engine.Resolve(p.Spec(new AblationRequest(preset))))
            .SelectMany(c => c.Experiment.Method.Datasets(c.Experiment.Config))
            .Select(u => u.Name).Where(n => DatasetCatalog.Get(n).Kind == DatasetKind.Installable)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    private sealed class Progress(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write(value);
    }

    private static RunManifest Crashed(string notebook, string stem, int code) => new(
        notebook, stem, "NoResult", code, $"the runner exited with {code} without writing a manifest (see the log above)",
        DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), 0, 0, null,
        new Dictionary<string, string>(), "", new Dictionary<string, string>(), [], stem + ".html", stem + ".ipynb");
}
