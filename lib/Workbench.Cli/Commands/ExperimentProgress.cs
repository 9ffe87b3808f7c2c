using Spectre.Console;
using Workbench.Training;

namespace Workbench.Cli.Commands;

/// <summary>Draws trainer progress: a Spectre.Console bar per run when the terminal is interactive, else one line per epoch.</summary>
internal static class ExperimentProgress
{
    public static T Run<T>(Func<IProgress<TrainingProgress>, Action<string>, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work(new LineProgress(), Console.WriteLine); // whole lines in files and pipes (no wrapping)
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var bar = new BarProgress(ctx);
                result = work(bar, line => { bar.NextRun(); AnsiConsole.MarkupLine(Markup.Escape(line)); });
                bar.Finish();
            });
        return result;
    }

    /// <summary>One line per run step of text: <c>epoch 3/20  loss 0.41  lr 0.1  accuracy 0.93</c>.</summary>
    public static string Describe(TrainingProgress p)
    {
        var parts = new List<string> { $"epoch {p.Epoch + 1}/{p.TotalEpochs}" };
        parts.AddRange(p.Losses.Take(3).Select(l => $"{l.Key} {ExperimentCommand.Value(l.Value)}"));
        parts.Add($"lr {p.LearningRate:G3}");
        if (p.Metrics is { } m) parts.AddRange(m.Take(2).Select(x => $"eval {x.Key} {ExperimentCommand.Value(x.Value)}"));
        if (p.Phase == "eval") parts.Add("(evaluating)");
        return string.Join("  ", parts);
    }

    private sealed class BarProgress(ProgressContext ctx) : IProgress<TrainingProgress>
    {
        private ProgressTask? _task;
        private bool _newRun = true;

        public void NextRun() => _newRun = true;

        public void Report(TrainingProgress value)
        {
            if (_task is null || _newRun)
            {
                _task?.StopTask();
                _task = ctx.AddTask("starting", maxValue: Math.Max(1, value.TotalSteps));
                _newRun = false;
            }
            _task.MaxValue = Math.Max(1, value.TotalSteps);
            _task.Value = value.Step;
            _task.Description = Markup.Escape(Describe(value));
        }

        public void Finish() => _task?.StopTask();
    }

    private sealed class LineProgress : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Phase == "epoch") Console.WriteLine(Describe(value));
        }
    }
}
