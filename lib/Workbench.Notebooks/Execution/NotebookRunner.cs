using System.Diagnostics;
using Workbench.Notebooks.Format;
using Workbench.Reporting;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// Runs a notebook headless in the .NET Interactive C# kernel (the kernel of the
/// <c>dotnet-interactive</c> tool, hosted in-process, see <see cref="KernelHost"/>), in the
/// notebook's folder, and returns the executed notebook (outputs, execution counts) with per-cell
/// timings.
/// </summary>
/// <remarks>
/// <para>Cells behave as in VS Code or Jupyter because the same kernel runs them:
/// <c>#r "nuget: Name, Version"</c> restores from the NuGet feed, <c>#r "path"</c> is relative
/// to the notebook, <c>display()</c>, <c>HTML()</c> and <c>Formatter.Register</c> are the
/// kernel's own, stdout and stderr are captured per cell. The first failing cell stops the run
/// unless it is tagged <c>raises-exception</c>.</para>
/// <para>Process-global by nature (<c>Console</c>, the current directory, formatter
/// registrations, TorchSharp's state): one run at a time per process; run notebooks in separate
/// processes, as <c>workbench notebook run</c> and <c>workbench report</c> do. A timed-out cell
/// cannot be stopped (the kernel does not interrupt user loops): the caller should end the
/// process after writing the result.</para>
/// </remarks>
public static class NotebookRunner
{
    /// <summary>Cells with this tag may raise without failing the run (Jupyter Book / nbval convention).</summary>
    public const string RaisesExceptionTag = "raises-exception";

    private static int _active;

    /// <summary>Runs <paramref name="notebook"/> (not modified) as if it were at <paramref name="notebookPath"/>.</summary>
    /// <param name="notebook">The notebook; existing outputs are discarded.</param>
    /// <param name="notebookPath">Its file path: <c>#r</c> paths resolve against its folder, which is the current directory during the run.</param>
    /// <param name="options">Parameters, timeouts and so on; null for defaults.</param>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, string notebookPath, NotebookRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        options ??= new NotebookRunOptions();
        var wall = Stopwatch.StartNew();
        var (nb, declared, values, rejected) = ParameterCell.PrepareRun(notebook, options.Parameters);
        if (rejected is not null)
            return new NotebookRunResult(nb, RunStatus.BadParameters, [], values, declared, rejected, wall.Elapsed.TotalMilliseconds);

        if (Interlocked.Exchange(ref _active, 1) == 1)
            throw new InvalidOperationException("A notebook is already running in this process. The runner uses process-global state (Console, current directory, formatters): run notebooks one after another or in separate processes.");
        string directory = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        string previousDirectory = Environment.CurrentDirectory;
        object? previousChartIds = AppContext.GetData(NotebookSetup.ChartIdSourceKey);
        NotebookExecution? execution = null;
        try
        {
            Directory.SetCurrentDirectory(directory);
            execution = new NotebookExecution(nb, options, Path.GetFileName(notebookPath));
            AppContext.SetData(NotebookSetup.ChartIdSourceKey, (Func<string>)execution.NextChartId);
            var (status, message) = await execution.RunAsync().ConfigureAwait(false);
            return new NotebookRunResult(nb, status, execution.Records, values, declared, message, wall.Elapsed.TotalMilliseconds);
        }
        finally
        {
            // A timed-out cell still holds the kernel: leave it to the process's end.
            if (execution?.Records.All(r => r.State != CellState.TimedOut) == true) execution.Dispose();
            AppContext.SetData(NotebookSetup.ChartIdSourceKey, previousChartIds);
            Directory.SetCurrentDirectory(previousDirectory);
            Volatile.Write(ref _active, 0);
        }
    }
}
