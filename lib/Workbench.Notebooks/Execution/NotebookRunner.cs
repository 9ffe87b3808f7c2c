using System.Diagnostics;
using System.Text.Json.Nodes;
using Workbench.Notebooks.Format;
using Workbench.Reporting;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// Runs a notebook's C# cells headless with Roslyn scripting, in the notebook's folder, and
/// returns the executed notebook (outputs, execution counts) with per-cell timings.
/// </summary>
/// <remarks>
/// <para>Semantics follow the .NET Interactive C# kernel where it matters (notebooks.md §2): one
/// script state for all cells; <c>#r "nuget: Name, Version"</c> is satisfied from the packages
/// the host carries (<see cref="PackageCatalog"/>); <c>#r</c>/<c>#load</c> paths are relative to
/// the notebook; <c>display()</c>, <c>x.Display()</c>, <c>DisplayAs</c>, <c>HTML()</c> and
/// <c>Formatter.Register</c> work; stdout and stderr are captured per cell. The first failing
/// cell stops the run unless it is tagged <c>raises-exception</c>.</para>
/// <para>Process-global by nature (<c>Console</c>, the current directory, formatter
/// registrations, TorchSharp's state): one run at a time per process; run notebooks in separate
/// processes, as <c>workbench notebook run</c> and <c>workbench report</c> do. A timed-out cell
/// cannot be stopped (Roslyn does not observe cancellation inside user loops): the caller should
/// end the process after writing the result.</para>
/// </remarks>
public static class NotebookRunner
{
    /// <summary>Cells with this tag may raise without failing the run (Jupyter Book / nbval convention).</summary>
    public const string RaisesExceptionTag = "raises-exception";

    private static int _active;

    /// <summary>Runs <paramref name="notebook"/> (not modified) as if it were at <paramref name="notebookPath"/>.</summary>
    /// <param name="notebook">The notebook; existing outputs are discarded.</param>
    /// <param name="notebookPath">Its file path: <c>#r</c>/<c>#load</c> resolve against its folder, which is also the current directory during the run.</param>
    /// <param name="options">Parameters, timeouts and so on; null for defaults.</param>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, string notebookPath, NotebookRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        options ??= new NotebookRunOptions();
        var wall = Stopwatch.StartNew();
        var nb = notebook.Clone();
        nb.ClearOutputs();
        nb.Cells.RemoveAll(c => c.HasTag(ParameterCell.InjectedTag));
        nb.EnsureIds();
        var declared = ParameterCell.Find(nb) is { } p ? ParameterCell.Parse(p.Source) : [];
        IReadOnlyDictionary<string, JsonNode> values;
        try
        {
            values = ParameterCell.Inject(nb, options.Parameters);
        }
        catch (ParameterException e)
        {
            return new NotebookRunResult(nb, RunStatus.BadParameters, [], new Dictionary<string, JsonNode>(), declared, e.Message, wall.Elapsed.TotalMilliseconds);
        }

        if (Interlocked.Exchange(ref _active, 1) == 1)
            throw new InvalidOperationException("A notebook is already running in this process. The runner uses process-global state (Console, current directory, formatters): run notebooks one after another or in separate processes.");
        string directory = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        string previousDirectory = Environment.CurrentDirectory;
        var (stdout, stderr) = (Console.Out, Console.Error);
        object? previousChartIds = AppContext.GetData(NotebookSetup.ChartIdSourceKey);
        try
        {
            Directory.SetCurrentDirectory(directory);
            Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();
            Console.SetOut(new ConsoleRouter("stdout", stdout));
            Console.SetError(new ConsoleRouter("stderr", stderr));
            AppContext.SetData(NotebookSetup.ChartIdSourceKey, (Func<string>)(() => NotebookContext.Current?.NextChartId() ?? NotebookSetup.RandomChartId()));
            options.Log?.WriteLine($"  runner set-up {wall.Elapsed.TotalMilliseconds:F0} ms");
            var execution = new NotebookExecution(nb, directory, options, Path.GetFileName(notebookPath));
            var (status, message) = await execution.RunAsync().ConfigureAwait(false);
            return new NotebookRunResult(nb, status, execution.Records, values, declared, message, wall.Elapsed.TotalMilliseconds);
        }
        finally
        {
            NotebookContext.Current = null;
            Console.SetOut(stdout);
            Console.SetError(stderr);
            AppContext.SetData(NotebookSetup.ChartIdSourceKey, previousChartIds);
            Directory.SetCurrentDirectory(previousDirectory);
            Volatile.Write(ref _active, 0);
        }
    }
}
