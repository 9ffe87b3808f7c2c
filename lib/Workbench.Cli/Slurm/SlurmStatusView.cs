using Spectre.Console;
using Workbench.Experiments.Records;

namespace Workbench.Cli.Slurm;

/// <summary>The Slurm part of <c>workbench ablation status</c>: every submitted row with its merged state, Slurm's state and its log.</summary>
public static class SlurmStatusView
{
    /// <summary>
    /// Prints the tasks of the submissions named <paramref name="name"/> in <paramref name="store"/> (nothing when there are
    /// none) and returns their statuses. When Slurm cannot be asked, the run store alone is shown, with a note.
    /// </summary>
    public static IReadOnlyList<SlurmTaskStatus> Show(RunStore store, string name)
    {
        ArgumentNullException.ThrowIfNull(store);
        var submissions = SlurmSubmission.List(store.Root, name);
        if (submissions.Count == 0) return [];
        IReadOnlyList<SlurmQueueEntry> queue = [];
        try
        {
            queue = new SlurmClient().Tasks(submissions.Select(s => s.JobId!).ToList());
        }
        catch (SlurmException e)
        {
            AnsiConsole.MarkupLine($"[yellow]Slurm cannot be asked from here ({Markup.Escape(e.Message)}); showing the run store only.[/]");
        }
        var statuses = SlurmStatusReader.Read(store, submissions, queue);
        var table = new Table().AddColumns("task", "row", "state", "slurm", "detail", "log");
        foreach (var s in statuses)
        {
            string color = s.State switch
            {
                SlurmTaskState.Finished => "green", SlurmTaskState.Failed => "red", SlurmTaskState.Running => "blue", SlurmTaskState.Pending => "grey", _ => "yellow",
            };
            table.AddRow(s.JobId, Markup.Escape(s.Task.Label), $"[{color}]{s.State.ToString().ToLowerInvariant()}[/]", s.SlurmState, Markup.Escape(s.Detail),
                Markup.Escape(s.State is SlurmTaskState.Failed or SlurmTaskState.Stopped or SlurmTaskState.Running ? s.LogPath : ""));
        }
        AnsiConsole.Write(table);
        var counts = statuses.GroupBy(s => s.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        AnsiConsole.WriteLine($"Slurm: {statuses.Count} submitted runs in {submissions.Count} array(s) (newest {submissions[0].JobId}): {string.Join(", ", counts)}. Scripts and logs under {SlurmSubmission.Root(store.Root)}.");
        return statuses;
    }
}
