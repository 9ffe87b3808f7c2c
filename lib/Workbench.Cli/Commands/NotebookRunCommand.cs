using System.CommandLine;
using System.Globalization;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;
using Workbench.Notebooks.Reports;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench notebook run FILE... [-p name=value]... [--out DIR] [--timeout S] [--cell-timeout S]</c>:
/// runs each notebook in the .NET Interactive C# kernel, in its own child process (process-global
/// state such as formatters, <c>Console</c>, TorchSharp and the torch RNG stays isolated; the child's
/// environment is tuned for short runs, see <see cref="NotebookPaths"/>; a child that dies is
/// reported by <see cref="NotebookSupervisor"/>) and writes the executed notebook, an HTML report and
/// a run manifest per notebook, plus an index page. Exit codes: 0 ok, 1 a cell failed (or killed
/// its process), 2 bad parameters (nothing ran), 124 timeout.
/// </summary>
internal static class NotebookRunCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Notebook files (.ipynb)." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A parameter value as name=value; repeat for several. Checked against the notebook's 'parameters' cell before anything runs." };
        var output = new Option<string?>("--out", "-o") { Description = "Output folder (default: artifacts/notebooks in the repository)." };
        var timeout = new Option<double?>("--timeout") { Description = "Time limit in seconds for each notebook's whole run (exit 124)." };
        var cellTimeout = new Option<double?>("--cell-timeout") { Description = "Time limit in seconds for any one cell (exit 124)." };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Run the remaining cells after a failing one (the exit code is still 1)." };
        var noIndex = new Option<bool>("--no-index") { Description = "Do not rewrite index.html in the output folder.", Hidden = true };
        var command = new Command("run", "Run notebooks headless: executed .ipynb, HTML report and run manifest per notebook, and an index page.")
        {
            files, parameters, output, timeout, cellTimeout, allowErrors, noIndex,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            string[] paths = parse.GetValue(files) ?? [];
            string[] raw = parse.GetValue(parameters) ?? [];
            if (ParseParameters(raw) is not { } given) return (int)RunStatus.BadParameters;
            string outDir = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(NotebookPaths.RepoRoot, "artifacts", "notebooks"));
            double? runLimit = parse.GetValue(timeout), cellLimit = parse.GetValue(cellTimeout);
            if (runLimit <= 0 || cellLimit <= 0)
            {
                Console.Error.WriteLine("workbench notebook run: --timeout and --cell-timeout take a positive number of seconds.");
                return (int)RunStatus.BadParameters;
            }
            var options = new NotebookRunOptions
            {
                Parameters = given,
                RunTimeout = runLimit is { } r ? TimeSpan.FromSeconds(r) : null,
                CellTimeout = cellLimit is { } c ? TimeSpan.FromSeconds(c) : null,
                AllowErrors = parse.GetValue(allowErrors),
                Log = Console.Error,
            };
            int exit;
            if (paths.Length == 1 && NotebookPaths.IsNotebookChild)
            {
                using var journal = new RunJournal(RunJournal.PathFor(paths[0], outDir));
                exit = await RunOneAsync(paths[0], outDir, options with { Observer = journal }).ConfigureAwait(false);
            }
            else
            {
                exit = 0;
                foreach (var path in paths)
                {
                    var args = new List<string> { "--out", outDir, "--no-index" };
                    foreach (var p in raw) args.AddRange(["-p", p]);
                    if (runLimit is { } rl) args.AddRange(["--timeout", rl.ToString(CultureInfo.InvariantCulture)]);
                    if (cellLimit is { } cl) args.AddRange(["--cell-timeout", cl.ToString(CultureInfo.InvariantCulture)]);
                    if (options.AllowErrors) args.Add("--allow-errors");
                    int code = await NotebookSupervisor.RunAsync(path, outDir, given, args, cancellation).ConfigureAwait(false);
                    if (exit == 0) exit = code;
                }
            }
            if (!parse.GetValue(noIndex)) WriteIndex(outDir);
            if (exit == (int)RunStatus.TimedOut)
            {
                // A timed-out cell keeps running on its thread (the kernel cannot stop user code): end the process.
                Console.Out.Flush();
                Environment.Exit(exit);
            }
            return exit;
        });
        return command;
    }

    /// <summary>name=value pairs, or null (after printing why) when one is malformed.</summary>
    internal static Dictionary<string, string>? ParseParameters(IEnumerable<string> raw)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in raw)
        {
            int eq = p.IndexOf('=');
            string name = eq > 0 ? p[..eq].Trim() : "";
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
            {
                Console.Error.WriteLine($"workbench notebook run: '-p {p}' is not name=value (a C# identifier, '=', the value).");
                return null;
            }
            given[name] = p[(eq + 1)..];
        }
        return given;
    }

    private static async Task<int> RunOneAsync(string path, string outDir, NotebookRunOptions options)
    {
        Notebook notebook;
        try
        {
            notebook = Notebook.Load(path);
        }
        catch (NotebookFormatException e)
        {
            Console.Error.WriteLine($"workbench notebook run: {e.Message}");
            return (int)RunStatus.BadParameters;
        }
        Console.Error.WriteLine($"notebook {path}" + (options.Parameters.Count == 0 ? "" : $" ({string.Join(", ", options.Parameters.Select(p => $"{p.Key}={p.Value}"))})"));
        var started = DateTime.UtcNow;
        // The kernel takes Console over while cells run (and keeps it while a timed-out cell runs on): report on the writer from before.
        var log = options.Log ?? Console.Error;
        var result = await NotebookRunner.RunAsync(notebook, path, options).ConfigureAwait(false);
        var manifest = NotebookArtifacts.Write(result, path, outDir, started);
        string report = Path.Combine(outDir, manifest.Report);
        if (result.Status == RunStatus.Succeeded)
            log.WriteLine(string.Format(CultureInfo.InvariantCulture, "ok in {0:F1} s: {1}", result.WallMs / 1000, report));
        else
            log.WriteLine($"{result.Status} (exit {result.ExitCode}): {result.Message}\nreport: {report}");
        return result.ExitCode;
    }

    private static void WriteIndex(string outDir)
    {
        var runs = NotebookArtifacts.ReadAll(outDir);
        if (runs.Count == 0) return;
        string index = Path.Combine(outDir, "index.html");
        ReportIndex.Build(runs, "Notebook runs", [("folder", outDir)]).Save(index);
        Console.Error.WriteLine($"index: {index}");
    }
}
