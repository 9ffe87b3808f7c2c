using System.Diagnostics;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;
using Workbench.Notebooks.Reports;

namespace Workbench.Cli.Commands;

/// <summary>
/// Runs one notebook in a child process and makes sure a report exists afterwards: the child
/// writes the executed notebook, report and manifest itself, and a journal as it goes
/// (<see cref="RunJournal"/>); when the child dies without a manifest (a stack overflow, a cell
/// calling <c>Environment.Exit</c>), this process writes the report from the journal, naming the
/// cell that died and why, and the run counts as failed (exit 1).
/// </summary>
internal static class NotebookSupervisor
{
    private const int TailLines = 40;

    /// <summary>Runs <paramref name="notebookPath"/> with <c>notebook run</c> <paramref name="arguments"/> in a child; returns the exit code for it.</summary>
    /// <param name="notebookPath">The notebook.</param>
    /// <param name="outDir">The output folder the child writes to.</param>
    /// <param name="given">The parameters given, as the child receives them.</param>
    /// <param name="arguments">The child's command line after <c>notebook run FILE</c>.</param>
    /// <param name="cancellation">Ends the child.</param>
    public static async Task<int> RunAsync(string notebookPath, string outDir, IReadOnlyDictionary<string, string> given,
        IEnumerable<string> arguments, CancellationToken cancellation)
    {
        string stem = Path.GetFileNameWithoutExtension(notebookPath);
        string manifest = Path.Combine(outDir, stem + NotebookArtifacts.ManifestSuffix);
        string journal = RunJournal.PathFor(notebookPath, outDir);
        // A manifest from an earlier run must not stand for this one.
        Directory.CreateDirectory(outDir);
        File.Delete(manifest);
        File.Delete(journal);
        var tail = new Queue<string>();
        string? fatal = null;
        var clock = Stopwatch.StartNew();
        int code = await NotebookPaths.RunChildAsync(["notebook", "run", notebookPath, .. arguments], line =>
        {
            Console.Error.WriteLine(line);
            lock (tail)
            {
                // The runtime's own last words (a stack overflow prints its frames after them).
                if (fatal is null && (line.StartsWith("Stack overflow", StringComparison.Ordinal) || line.StartsWith("Unhandled exception", StringComparison.Ordinal)
                                      || line.StartsWith("Fatal error", StringComparison.Ordinal) || line.StartsWith("Process terminated", StringComparison.Ordinal)))
                    fatal = line;
                tail.Enqueue(line);
                if (tail.Count > TailLines) tail.Dequeue();
            }
        }, cancellation).ConfigureAwait(false);
        if (File.Exists(manifest) || !File.Exists(journal)) return code == 0 && !File.Exists(manifest) ? (int)RunStatus.CellFailed : code;

        string stderr;
        lock (tail) stderr = (fatal is not null && !tail.Contains(fatal) ? fatal + "\n…\n" : "") + string.Join("\n", tail);
        var result = RunJournal.Recover(Notebook.Load(notebookPath), journal, given, code, stderr, clock.Elapsed.TotalMilliseconds, Path.GetFileName(notebookPath));
        var written = NotebookArtifacts.Write(result, notebookPath, outDir, DateTime.UtcNow - clock.Elapsed);
        Console.Error.WriteLine($"{result.Status} (exit {result.ExitCode}): {result.Message}\nreport: {Path.Combine(outDir, written.Report)}");
        return result.ExitCode;
    }
}
