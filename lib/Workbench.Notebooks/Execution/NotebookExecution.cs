using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using Workbench.Notebooks.Display;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Execution;

/// <summary>The cell loop of one run (state, timeouts, outputs); see <see cref="NotebookRunner"/>.</summary>
internal sealed class NotebookExecution(Notebook notebook, string directory, NotebookRunOptions options, string name)
{
    private readonly ScriptSession _session = new(directory);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private PackageCatalog? _catalog = options.Packages;
    private int _executionCount;
    private bool _torchWarm, _chartsWarm;

    public List<CellRunRecord> Records { get; } = [];

    public async Task<(RunStatus Status, string? Message)> RunAsync()
    {
        var status = RunStatus.Succeeded;
        string? message = null;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Type != CellType.Code) continue;
            string label = $"cell #{i} '{cell.Id}'";
            if (status is RunStatus.TimedOut || (status is RunStatus.CellFailed && !options.AllowErrors))
            {
                Records.Add(new CellRunRecord(i, cell.Id!, null, CellState.NotRun, 0, 0));
                continue;
            }
            if (options.RunTimeout is { } limit && _clock.Elapsed >= limit)
            {
                status = RunStatus.TimedOut;
                message = $"{name}: the run exceeded its time limit of {Seconds(limit)} before {label}.";
                Records.Add(new CellRunRecord(i, cell.Id!, null, CellState.NotRun, 0, 0));
                continue;
            }
            var sink = new CellOutputSink(i);
            NotebookContext.Current = sink;
            CellRunRecord record;
            var cellClock = Stopwatch.StartNew();
            try
            {
                record = await RunCellAsync(cell, i, label, sink).ConfigureAwait(false);
            }
            finally
            {
                NotebookContext.Current = null;
            }
            cell.Outputs.AddRange(sink.Snapshot());
            cell.ExecutionCount = record.ExecutionCount;
            Records.Add(record);
            options.Log?.WriteLine($"  [{record.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? "-"}] {cell.Id,-24} {record.State,-16} compile {record.CompileMs,7:F0} ms  run {record.RunMs,8:F0} ms  total {cellClock.Elapsed.TotalMilliseconds,8:F0} ms");
            if (record.State is CellState.Failed or CellState.TimedOut && status == RunStatus.Succeeded)
            {
                status = record.State == CellState.Failed ? RunStatus.CellFailed : RunStatus.TimedOut;
                var error = cell.Outputs.OfType<ErrorOutput>().LastOrDefault();
                message = $"{name}: {label} {(record.State == CellState.Failed ? "failed" : "timed out")}" + (error is null ? "." : $": {error.EName}: {error.EValue}");
            }
        }
        return (status, message);
    }

    private async Task<CellRunRecord> RunCellAsync(NotebookCell cell, int index, string label, CellOutputSink sink)
    {
        var prepared = PreparedCell.Prepare(cell.Source, PolyglotMetadata.CellKernel(cell.Metadata, notebook.Metadata));
        CellRunRecord Done(CellState state, double compile = 0, double run = 0, bool counted = true) =>
            new(index, cell.Id!, counted ? _executionCount : null, state, compile, run);

        if (prepared.Language == CellLanguage.OtherKernel)
        {
            sink.WriteStream("stderr", $"Skipped: {label} is a '{prepared.Kernel}' cell; the workbench runner runs C# cells only.\n");
            return Done(CellState.Skipped, counted: false);
        }
        _executionCount++;
        if (prepared.Language == CellLanguage.Html)
        {
            sink.Add(new DisplayDataOutput(new MimeBundle().Set("text/html", prepared.Code.Trim('\n'))));
            return Done(CellState.Succeeded);
        }
        bool raises = cell.HasTag(NotebookRunner.RaisesExceptionTag);
        CellState Failure() => raises ? CellState.RaisedAsExpected : CellState.Failed;
        if (prepared.UnsupportedDirective is { } directive)
        {
            sink.Add(Errors.Simple("UnsupportedDirective", $"{directive} is not supported by the workbench runner (only #r, #load, #i and #!time are).", label));
            return Done(Failure());
        }
        foreach (var package in prepared.Packages)
        {
            try
            {
                _catalog ??= PackageCatalog.ForCurrentProcess();
                var assemblies = _catalog.Resolve(package.Name, package.Version, out string? note);
                _session.AddReferences(assemblies);
                WarmUp(assemblies);
                if (note is not null) sink.WriteStream("stderr", note + "\n");
            }
            catch (PackageNotAvailableException e)
            {
                sink.Add(Errors.Simple("PackageNotAvailable", e.Message, label, $"line {package.Line + 1}: #r \"nuget: {package.Name}{(package.Version is null ? "" : ", " + package.Version)}\""));
                return Done(Failure());
            }
        }

        var (script, errors, compileMs) = _session.Compile(prepared.Code);
        if (errors.Length > 0)
        {
            sink.Add(Errors.Compilation(errors, label));
            return Done(Failure(), compileMs);
        }

        var run = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource();
        var task = Task.Run(() => _session.RunAsync(script, cancel.Token));
        var limit = Limit();
        // Which limit binds is decided now, not after the wait: a timer may fire a little early.
        bool whole = limit is { } binding && options.RunTimeout is not null && (options.CellTimeout is not { } cellLimit || binding < cellLimit);
        if (limit is { } l && await Task.WhenAny(task, Task.Delay(l)).ConfigureAwait(false) != task)
        {
            cancel.Cancel();
            string what = whole ? $"the run's time limit of {Seconds(options.RunTimeout!.Value)}" : $"the cell time limit of {Seconds(options.CellTimeout!.Value)}";
            sink.Add(Errors.Simple("CellTimeout", $"{label} did not finish within {what}.", label));
            return Done(CellState.TimedOut, compileMs, run.Elapsed.TotalMilliseconds);
        }
        ScriptState<object> state;
        try
        {
            state = await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            sink.Add(Errors.FromException(e, label));
            return Done(Failure(), compileMs, run.Elapsed.TotalMilliseconds);
        }
        double runMs = run.Elapsed.TotalMilliseconds;
        _session.Commit(state);
        if (state.Exception is { } ex)
        {
            sink.Add(Errors.FromException(ex, label));
            return Done(Failure(), compileMs, runMs);
        }
        try
        {
            if (ScriptSession.HasResult(script))
                sink.Add(new ExecuteResultOutput(OutputFormatter.Format(state.ReturnValue, null, sink.NextChartId), new(), _executionCount));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            sink.Add(Errors.FromException(e, label + " (formatting its result)"));
            return Done(Failure(), compileMs, runMs);
        }
        if (prepared.Time)
            sink.Add(new DisplayDataOutput(new MimeBundle().Set("text/plain", $"Wall time: {runMs.ToString("F0", CultureInfo.InvariantCulture)} ms")));
        return Done(CellState.Succeeded, compileMs, runMs);
    }

    /// <summary>
    /// Starts, on the second core, the one-time work that the cells after a <c>#r "nuget: …"</c>
    /// will need: TorchSharp's native libraries, Plotly.NET's serializer and chart template. The
    /// cells call the same idempotent code; failures surface there, not here.
    /// </summary>
    private void WarmUp(IReadOnlyList<string> assemblies)
    {
        bool Has(string name) => assemblies.Any(a => Path.GetFileNameWithoutExtension(a).Equals(name, StringComparison.OrdinalIgnoreCase));
        if (Has("TorchSharp") && !_torchWarm)
        {
            _torchWarm = true;
            _ = Task.Run(() => Try(() => Workbench.Runtime.TorchRuntime.EnsureLoaded()));
        }
        if (Has("Plotly.NET") && !_chartsWarm)
        {
            _chartsWarm = true;
            _ = Task.Run(() => Try(Workbench.Reporting.NotebookSetup.WarmUpCharts));
        }
        static void Try(Action action)
        {
            try
            {
                action();
            }
            catch (Exception)
            {
                // the cell that needs it reports the error
            }
        }
    }

    private TimeSpan? Limit()
    {
        TimeSpan? runLeft = options.RunTimeout is { } r ? r - _clock.Elapsed : null;
        if (runLeft is { } left && left < TimeSpan.Zero) runLeft = TimeSpan.Zero;
        return (options.CellTimeout, runLeft) switch
        {
            (null, null) => null,
            ({ } c, null) => c,
            (null, { } w) => w,
            ({ } c, { } w) => c < w ? c : w,
        };
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
