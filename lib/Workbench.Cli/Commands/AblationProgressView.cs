using Spectre.Console;
using Workbench.Experiments.Ablation;

namespace Workbench.Cli.Commands;

/// <summary>Draws ablation progress: a Spectre.Console bar (runs done / total, current run and its epoch, time left) on a terminal, else one line per run.</summary>
internal static class AblationProgressView
{
    public static T Run<T>(Func<IProgress<AblationProgress>, Action<string>, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work(new LineProgress(), line => AnsiConsole.WriteLine(line));
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var bar = new BarProgress(ctx.AddTask("ablation", maxValue: 1));
                result = work(bar, line => AnsiConsole.MarkupLine(Markup.Escape(line)));
                bar.Finish();
            });
        return result;
    }

    private sealed class BarProgress(ProgressTask task) : IProgress<AblationProgress>
    {
        public void Report(AblationProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            double within = value.Run is { TotalSteps: > 0 } r ? Math.Clamp((double)r.Step / r.TotalSteps, 0, 1) : 0;
            task.Value = value.Done + within;
            string run = value.Run is { } p ? "  " + ExperimentProgress.Describe(p) : "";
            task.Description = Markup.Escape(value.Describe() + run);
        }

        public void Finish() => task.StopTask();
    }

    private sealed class LineProgress : IProgress<AblationProgress>
    {
        public void Report(AblationProgress value)
        {
            if (value.Run is null) Console.WriteLine(value.Describe());
        }
    }
}
