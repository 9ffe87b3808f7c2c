using Workbench.Runtime;
using System.Globalization;
using System.Text;
using Workbench.Experiments.Records;

namespace Workbench.Cli.Slurm;

/// <summary>
/// The one <c>sbatch</c> script of an array: <c>#SBATCH</c> lines from <see cref="SlurmJobOptions"/>, then a
/// <c>case</c> that maps <c>$SLURM_ARRAY_TASK_ID</c> to its task's command line. A task
/// <list type="number">
/// <item>takes the row's lock (<c>flock</c> on <c>&lt;store&gt;/slurm/locks/&lt;run-id&gt;.lock</c>; a second task on the
/// same row leaves it, and the kernel drops the lock of a killed task),</item>
/// <item>continues the row's run from its checkpoint when one exists (<c>experiment run M --resume RUN</c>,
/// which only reports a finished run), else runs the task's ordinary <c>experiment run … --out &lt;store&gt;</c>
/// (the ordinary command retrains in place a row whose earlier attempt died before its first checkpoint; a forced task always starts anew),
/// as a job step (<c>srun</c>), so <c>scancel --signal=TERM</c> and <c>--signal=TERM@N</c> reach the run,</item>
/// <item>requeues itself when the run stopped resumably (exit 3, or 143 when TERM came while it was still starting)
/// after a TERM that was not a cancel of the whole job, at most <see cref="SlurmJobOptions.MaxRequeues"/> times.</item>
/// </list>
/// Logs go to <c>logs/task-&lt;index&gt;.log</c> (appended across requeues).
/// </summary>
public static class SlurmBatchScript
{
    /// <summary>The script for <paramref name="tasks"/> (array indices 0..n-1 in order), writing into <paramref name="store"/>, logging under <paramref name="logs"/>.</summary>
    /// <exception cref="ArgumentException">No tasks, no workbench command, or bad numbers.</exception>
    public static string Render(string name, IReadOnlyList<SlurmTask> tasks, SlurmJobOptions options, string store, string logs)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(options);
        if (tasks.Count == 0) throw new ArgumentException("There is nothing to submit: every row already has a finished record.", nameof(tasks));
        if (options.Workbench.Count == 0) throw new ArgumentException("No command to start the workbench on a node; pass --workbench \"dotnet /shared/path/Workbench.Cli.dll\".", nameof(options));
        if (options.CpusPerTask < 1) throw new ArgumentException($"--cpus-per-task must be at least 1 (got {options.CpusPerTask}).", nameof(options));
        if (options.SignalSeconds < 0) throw new ArgumentException($"--signal-seconds must be 0 or more (got {options.SignalSeconds}).", nameof(options));
        if (options.MaxParallel is < 1) throw new ArgumentException($"--max-parallel must be at least 1 (got {options.MaxParallel}).", nameof(options));
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append(CultureInfo.InvariantCulture, $"# Workbench ablation '{name}' as a Slurm job array: {tasks.Count} task(s), one run each. Submit with: sbatch <this file>\n");
        foreach (string line in Directives(name, tasks.Count, options, logs)) s.Append("#SBATCH ").Append(line).Append('\n');
        s.Append('\n');
        s.Append("set -u\n");
        s.Append("store=").Append(ShellQuote.Word(store)).Append('\n');
        s.Append("workbench=(").Append(ShellQuote.Words(options.Workbench)).Append(")\n");
        s.Append("export WORKBENCH_THREADS=\"${WORKBENCH_THREADS:-${SLURM_CPUS_PER_TASK:-1}}\"\n");
        s.Append(CultureInfo.InvariantCulture, $"max_requeues={options.MaxRequeues}\n\n");
        s.Append("case \"${SLURM_ARRAY_TASK_ID:-}\" in\n");
        for (int i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            s.Append(CultureInfo.InvariantCulture, $"  {i}) # {t.Label.Replace('\n', ' ')}\n");
            s.Append("    method=").Append(ShellQuote.Word(t.Method)).Append("; run_id=").Append(ShellQuote.Word(t.RunId))
                .Append("; fresh=").Append(t.Forced ? '1' : '0').Append('\n');
            s.Append("    args=(").Append(ShellQuote.Words(t.Arguments)).Append(") ;;\n");
        }
        s.Append("  *) echo \"workbench: no task '${SLURM_ARRAY_TASK_ID:-}' in this array (0-").Append(tasks.Count - 1).Append(")\" >&2; exit 2 ;;\n");
        s.Append("esac\n");
        s.Append(Body.Replace("{CHECKPOINT}", RunFiles.LastCheckpoint.Replace('\\', '/'), StringComparison.Ordinal));
        return s.ToString();
    }

    /// <summary>The <c>#SBATCH</c> arguments, one per line.</summary>
    public static IReadOnlyList<string> Directives(string name, int count, SlurmJobOptions options, string logs)
    {
        var d = new List<string>
        {
            "--job-name=" + ShellQuote.Word(options.JobName ?? "workbench-" + name),
            "--array=0-" + (count - 1).ToString(CultureInfo.InvariantCulture)
                + (options.MaxParallel is { } k ? "%" + k.ToString(CultureInfo.InvariantCulture) : ""),
            "--ntasks=1",
            "--cpus-per-task=" + options.CpusPerTask.ToString(CultureInfo.InvariantCulture),
            "--output=" + ShellQuote.Word(Path.Combine(logs, "task-%a.log")),
            "--open-mode=append",
            "--requeue",
        };
        if (options.SignalSeconds > 0) d.Add("--signal=TERM@" + options.SignalSeconds.ToString(CultureInfo.InvariantCulture));
        if (options.Partition is { } p) d.Add("--partition=" + ShellQuote.Word(p));
        if (options.Account is { } a) d.Add("--account=" + ShellQuote.Word(a));
        if (options.Time is { } t) d.Add("--time=" + ShellQuote.Word(t));
        if (options.Memory is { } m) d.Add("--mem=" + ShellQuote.Word(m));
        if (options.Gres is { } g) d.Add("--gres=" + ShellQuote.Word(g));
        d.AddRange(options.ExtraArguments);
        return d;
    }

    // Everything after the task table: lock, resume-or-run as a job step, self-requeue after a resumable stop.
    private const string Body = """

        task="${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
        attempt=$(( ${SLURM_RESTART_COUNT:-0} + 1 ))
        echo "== $(date -u +%FT%TZ) task $task attempt $attempt on $(hostname): run $run_id"

        # One task per row: a second task started on the same row leaves it to the first. The kernel
        # drops the lock when its holder dies, so a killed task never blocks the row.
        mkdir -p "$store/slurm/locks"
        exec 9>"$store/slurm/locks/$run_id.lock"
        if ! flock -n 9; then
          echo "== row $run_id is being trained by another task (lock held); this task leaves it to that one."
          exit 0
        fi

        # A row with a checkpoint continues from it (a finished run is only reported). The ordinary command
        # does the rest under the run's own lock: a row whose earlier attempt died before its first
        # checkpoint is trained again in place.
        if [ "$fresh" = 0 ] && [ -f "$store/$run_id/{CHECKPOINT}" ]; then
          echo "== continuing $run_id from its checkpoint"
          args=(experiment run "$method" --resume "$run_id" --out "$store")
        fi

        # A TERM to this shell is a cancel of the whole job (scancel): pass it on, do not requeue.
        cancelled=0
        trap 'cancelled=1; [ -n "${step:-}" ] && kill -TERM "$step" 2>/dev/null' TERM
        srun --ntasks=1 --cpus-per-task="${SLURM_CPUS_PER_TASK:-1}" "${workbench[@]}" "${args[@]}" &
        step=$!
        while :; do
          wait "$step"; status=$?
          kill -0 "$step" 2>/dev/null || break
        done
        echo "== $(date -u +%FT%TZ) task $task: exit $status"

        # 4: another process holds the run's lock (a task of an earlier submission, a local run): it trains the row.
        if [ "$status" = 4 ]; then
          echo "== $run_id is being trained by another process (run lock held); this task leaves it to that one."
          exit 0
        fi

        # 3: the run stopped resumably; 143: TERM came before the run could catch it (still starting). Either way,
        # unless the whole job was cancelled, the task comes back and continues the row.
        if { [ "$status" = 3 ] || [ "$status" = 143 ]; } && [ "$cancelled" = 0 ]; then
          if [ "${SLURM_RESTART_COUNT:-0}" -lt "$max_requeues" ]; then
            echo "== stopped resumably; requeueing $task to continue from the checkpoint"
            flock -u 9
            scontrol requeue "$task" && exit 0
            echo "== requeue failed; resubmit the ablation to continue" >&2
          else
            echo "== stopped resumably $attempt times; resubmit the ablation to continue" >&2
          fi
        fi
        exit "$status"

        """;
}
