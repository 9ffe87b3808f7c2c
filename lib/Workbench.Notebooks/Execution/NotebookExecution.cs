using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Execution;

/// <summary>The cell loop of one run (kernel, time limits, outputs); see <see cref="NotebookRunner"/>.</summary>
internal sealed class NotebookExecution(Notebook notebook, NotebookRunOptions options, string name) : IDisposable
{
    private readonly CompositeKernel _kernel = KernelHost.Create();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private CellOutputCollector? _current;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CellOutputCollector> _displays = new();
    private readonly List<(NotebookCell Cell, CellOutputCollector Collector)> _ran = [];
    private int _executionCount;
    private int _charts;

    public List<CellRunRecord> Records { get; } = [];

    /// <summary>The index of the running cell, for deterministic chart ids.</summary>
    public int CurrentCell { get; private set; } = -1;

    /// <summary>The next chart div id of the running cell: <c>nb-c{cell}-o{n}</c>.</summary>
    public string NextChartId() => $"nb-c{CurrentCell}-o{Interlocked.Increment(ref _charts) - 1}";

    /// <summary>Warms the kernel up, then runs the cells in order.</summary>
    public async Task<(RunStatus Status, string? Message)> RunAsync()
    {
        using var subscription = _kernel.KernelEvents.Subscribe(new Forward(this));
        // The kernel's first submission compiles for a second or more (Roslyn start-up, kernel
        // helpers): spend it here, so that the first cell's time and time limit are its own.
        await _kernel.SendAsync(new SubmitCode("System.Array.Empty<int>();", "csharp")).ConfigureAwait(false);
        options.Log?.WriteLine($"  kernel set-up {_clock.Elapsed.TotalMilliseconds:F0} ms");
        _clock.Restart();
        var status = RunStatus.Succeeded;
        string? message = null;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Type != CellType.Code) continue;
            string label = $"cell #{i} '{cell.Id}'";
            if (status is RunStatus.TimedOut or RunStatus.BadParameters || (status is RunStatus.CellFailed && !options.AllowErrors))
            {
                Finish(new CellRunRecord(i, cell.Id!, null, CellState.NotRun, 0));
                continue;
            }
            if (options.RunTimeout is { } limit && _clock.Elapsed >= limit)
            {
                status = RunStatus.TimedOut;
                message = $"{name}: the run exceeded its time limit of {Seconds(limit)} before {label}.";
                Finish(new CellRunRecord(i, cell.Id!, null, CellState.NotRun, 0));
                continue;
            }
            options.Observer?.CellStarting(i, cell.Id!);
            var collector = new CellOutputCollector(i, options.Observer);
            CurrentCell = i;
            Interlocked.Exchange(ref _charts, 0);
            Volatile.Write(ref _current, collector);
            CellRunRecord record;
            try
            {
                record = await RunCellAsync(cell, i, label, collector).ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref _current, null);
            }
            cell.ExecutionCount = record.ExecutionCount;
            _ran.Add((cell, collector));
            Finish(record);
            options.Log?.WriteLine($"  {$"cell #{i}",-9} {cell.Id,-24} {record.State,-16} {record.RunMs,9:F0} ms"); // the numbering of error messages
            if (record.State is CellState.Failed or CellState.TimedOut && status == RunStatus.Succeeded)
            {
                var error = collector.Snapshot().OfType<ErrorOutput>().LastOrDefault();
                if (record.State == CellState.Failed && error?.EName == nameof(Experiments.NotebookParameterException))
                {
                    // The library refused a parameter in the check after the parameters cell: bad input, not a failing cell.
                    status = RunStatus.BadParameters;
                    message = $"{name}: {error.EValue}";
                    continue;
                }
                status = record.State == CellState.Failed ? RunStatus.CellFailed : RunStatus.TimedOut;
                message = $"{name}: {label} {(record.State == CellState.Failed ? "failed" : "timed out")}" + (error is null ? "." : $": {error.EName}: {error.EValue}");
            }
        }
        foreach (var (cell, collector) in _ran) cell.Outputs.AddRange(collector.Snapshot());
        return (status, message);
    }

    private void Finish(CellRunRecord record)
    {
        Records.Add(record);
        options.Observer?.CellFinished(record);
    }

    private async Task<CellRunRecord> RunCellAsync(NotebookCell cell, int index, string label, CellOutputCollector collector)
    {
        string kernelName = PolyglotMetadata.CellKernel(cell.Metadata, notebook.Metadata);
        var (target, code) = Target(kernelName, cell.Source);
        if (target is null)
        {
            collector.Add(new StreamOutput("stderr", $"Skipped: {label} is a '{code}' cell; the workbench runner hosts the C# and HTML kernels only.\n"));
            return new CellRunRecord(index, cell.Id!, null, CellState.Skipped, 0);
        }
        collector.ExecutionCount = ++_executionCount;
        bool raises = cell.HasTag(NotebookRunner.RaisesExceptionTag);
        var clock = Stopwatch.StartNew();
        CellRunRecord Done(CellState state) => new(index, cell.Id!, _executionCount, state, clock.Elapsed.TotalMilliseconds);

        using var cancel = new CancellationTokenSource();
        var send = _kernel.SendAsync(new SubmitCode(code, target), cancel.Token);
        var limit = Limit();
        // Which limit binds is decided now, not after the wait: a timer may fire a little early.
        bool whole = limit is { } binding && options.RunTimeout is not null && (options.CellTimeout is not { } cellLimit || binding < cellLimit);
        if (limit is { } l && await Task.WhenAny(send, Task.Delay(l)).ConfigureAwait(false) != send)
        {
            // The kernel cannot stop user code; the caller ends the process after writing the result.
            await cancel.CancelAsync().ConfigureAwait(false);
            string what = whole ? $"the run's time limit of {Seconds(options.RunTimeout!.Value)}" : $"the cell time limit of {Seconds(options.CellTimeout!.Value)}";
            collector.Add(Errors.Simple("CellTimeout", $"{label} did not finish within {what}.", label));
            return Done(CellState.TimedOut);
        }
        KernelCommandResult result;
        try
        {
            result = await send.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            collector.Add(Errors.Simple(e.GetType().Name, e.Message, label));
            return Done(raises ? CellState.RaisedAsExpected : CellState.Failed);
        }
        if (result.Events.OfType<CommandFailed>().FirstOrDefault(f => ReferenceEquals(f.Command, result.Command)) is { } failed)
        {
            collector.Add(Errors.FromFailure(failed, label));
            return Done(raises ? CellState.RaisedAsExpected : CellState.Failed);
        }
        return Done(CellState.Succeeded);
    }

    /// <summary>The hosted kernel a cell goes to and its code (a leading <c>#!kernel</c> line selects the kernel); a null target carries the kernel name instead.</summary>
    private static (string? Target, string Code) Target(string metadataKernel, string source)
    {
        string trimmed = source.TrimStart();
        string kernel = metadataKernel;
        if (trimmed.StartsWith("#!", StringComparison.Ordinal))
        {
            string first = trimmed[2..].Split('\n', 2)[0].Trim();
            if (first.Length > 0 && (KernelHost.TargetOf(first) is not null || first is "fsharp" or "f#" or "pwsh" or "powershell" or "javascript" or "js" or "mermaid" or "sql" or "kql" or "http" or "value" or "markdown"))
                kernel = first;
        }
        return KernelHost.TargetOf(kernel) is { } target ? (target, source) : (null, kernel);
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

    public void Dispose() => _kernel.Dispose();

    /// <summary>Sends the kernel's events to the collector of the running cell.</summary>
    private sealed class Forward(NotebookExecution owner) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value)
        {
            var current = Volatile.Read(ref owner._current);
            switch (value)
            {
                // An update goes to the output it names, in whichever cell. (In 1.0.0-beta.26120.1 the
                // id of DisplayedValue.Update differs from the one displayed, so, as in the tool's
                // Jupyter kernel, such an update changes nothing.)
                case DisplayedValueUpdated { ValueId: { } id } when owner._displays.TryGetValue(id, out var shown):
                    shown.OnNext(value);
                    return;
                case DisplayedValueProduced { ValueId: { } id } when current is not null:
                    owner._displays[id] = current;
                    break;
            }
            current?.OnNext(value);
        }

        public void OnError(Exception error)
        {
            // failures arrive as CommandFailed events
        }

        public void OnCompleted()
        {
            // the stream ends when the kernel is disposed
        }
    }
}
