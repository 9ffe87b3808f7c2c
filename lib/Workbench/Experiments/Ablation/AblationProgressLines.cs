using System.Diagnostics;

namespace Workbench.Experiments.Ablation;

/// <summary>
/// Ablation progress as text lines, for notebooks and logs: one line when a run starts (runs done / total, the run, time
/// elapsed and left) and, while it trains, its epoch and step at most every <see cref="Interval"/>. <see cref="ForNotebook"/>
/// writes each line to the cell's output and to the process's own standard error, which the notebook kernel does not
/// capture, so a headless run (<c>workbench report</c>, <c>workbench notebook run</c>) shows them in its log as they happen.
/// </summary>
/// <param name="writers">Where each line goes.</param>
public sealed class AblationProgressLines(params TextWriter[] writers) : IProgress<AblationProgress>
{
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();
    private AblationTask? _current;

    /// <summary>Least time between two training lines of one run (default 10 s).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Lines to the cell's output (<see cref="Console.Out"/> as the kernel has it) and to the process's standard error.</summary>
    public static AblationProgressLines ForNotebook() =>
        new(Console.Out, new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });

    /// <summary>Options that run an ablation with these lines as progress and log (reuse decisions, where records go).</summary>
    public static AblationRunOptions NotebookOptions()
    {
        var lines = ForNotebook();
        return new AblationRunOptions { Progress = lines, Log = lines.Write };
    }

    /// <summary>Progress of one run outside an ablation, reported as the one run of a plan of one (<c>0/1 runs · label · … · epoch 2/5, step 78/195</c>).</summary>
    /// <param name="experiment">The run.</param>
    /// <param name="label">Its name in the lines, e.g. <c>facility location, C/m 0.25</c>.</param>
    public IProgress<Training.TrainingProgress> ForRun(ResolvedExperiment experiment, string label)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var row = new AblationRow(label, experiment.Method.Name, null, [], [experiment.Config.Seed]);
        var task = new AblationTask(0, new AblationCell(row, experiment.Config.Seed, experiment), "", false);
        var clock = Stopwatch.StartNew();
        return new RunLines(this, run => new AblationProgress(0, 1, task, clock.Elapsed, null, run));
    }

    private sealed class RunLines(AblationProgressLines lines, Func<Training.TrainingProgress, AblationProgress> wrap) : IProgress<Training.TrainingProgress>
    {
        private bool _started;

        public void Report(Training.TrainingProgress value)
        {
            if (!_started)
            {
                _started = true;
                lines.Report(wrap(value) with { Run = null });
            }
            lines.Report(wrap(value));
        }
    }

    /// <inheritdoc />
    public void Report(AblationProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Total == 0) return; // nothing to run: the log already says so
        if (value.Run is { } run)
        {
            if (_sinceLine.Elapsed < Interval) return;
            Write($"  {value.Describe()} · epoch {run.Epoch + 1}/{run.TotalEpochs}, step {run.Step}/{run.TotalSteps}{(run.Phase == "eval" ? " (evaluating)" : "")}");
            return;
        }
        if (ReferenceEquals(value.Current, _current) && value.Current is not null) return;
        _current = value.Current;
        Write(value.Describe());
    }

    /// <summary>Writes one line to every writer.</summary>
    public void Write(string line)
    {
        foreach (var w in writers)
        {
            w.WriteLine(line);
            w.Flush();
        }
        _sinceLine.Restart();
    }
}
