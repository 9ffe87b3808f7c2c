using System.Globalization;
using Workbench.Cli.Slurm;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Records;

namespace Workbench.Tests.Slurm;

/// <summary>
/// Each paper's smoke ablation submitted with <c>workbench ablation run &lt;paper&gt; --scheduler slurm</c> to the real
/// one-node cluster: the array finishes (one of SPQ's tasks is stopped with TERM and requeues itself), and the table
/// built from its records equals the table of the same ablation run locally, metric for metric.
/// A few rows × 1 seed each, so CI stays short (2 CPUs: at most 2 tasks at once).
/// </summary>
public class SlurmAblationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    [SlurmTheory]
    [InlineData("spq", new[] { "--seeds", "1", "--only", "bits=16", "--only", "row=SPQ,PQ (PCA),LSH" }, true)]
    [InlineData("ucdir", new[] { "--seeds", "1", "--only", "variant=Official", "--only", "ablation=IW,+DD" }, false)]
    [InlineData("dml", new[] { "--seeds", "1", "--only", "loss=facility-location,contrastive", "--only", "ratio=0.5" }, false)]
    public void SmokeAblationOnSlurm_FinishesWithTheTableOfALocalRun(string paper, string[] options, bool stopOneTask)
    {
        using var dir = new Training.TempDirectory();
        string local = dir.Combine("local"), cluster = dir.Combine("cluster");
        string[] ablation = [paper, "--preset", "smoke", .. options];
        // Results depend on torch's thread count (float reductions), so tasks get the threads of the local run.
        int threads = int.TryParse(Environment.GetEnvironmentVariable(global::Workbench.Runtime.Threads.EnvironmentVariable), out int t) ? t : Environment.ProcessorCount;
        Assert.Equal(0, CliInvocation.Invoke(["ablation", "run", .. ablation, "--scheduler", "slurm", "--workbench", string.Join(' ', SlurmTestCluster.Workbench),
            "--cpus-per-task", threads.ToString(CultureInfo.InvariantCulture), "--mem", "2G", "--signal-seconds", "30", "--out", Path.Combine(cluster, "runs")]));
        var submission = Assert.Single(SlurmSubmission.List(Path.Combine(cluster, "runs"), paper + "-smoke"));
        bool stopped = false;
        if (stopOneTask)
        {
            // TERM to a running task, as before a time limit or preemption: it must come back and finish its row.
            // Once the run has started (its manifest exists), so that the signal reaches the workbench, not an empty job.
            // On an idle machine a smoke task can end between the two calls; then there is nothing to stop (the requeue
            // itself is covered by SlurmRunTests.TaskStoppedWithTerm_RequeuesItselfAndFinishesFromItsCheckpoint).
            SlurmTestCluster.WaitFor(() => SlurmTestCluster.Manifest(Path.Combine(cluster, "runs"), submission.Tasks[0].RunId) is not null, Limit, () => "task 0's run to start");
            stopped = SlurmTestCluster.TryCancel("--signal=TERM", $"{submission.JobId}_0");
            if (!stopped)
            {
                var status = SlurmTestCluster.Manifest(Path.Combine(cluster, "runs"), submission.Tasks[0].RunId)?.Status;
                Assert.True(status == global::Workbench.Training.Records.RunStatus.Finished, $"scancel --signal=TERM failed while task 0's run was {status}");
            }
        }
        // The local run meanwhile (the machine has 2 CPUs; the array uses them as well), in a child process as the tasks
        // run: torch's default generator is process-wide, and tests running in parallel in this one draw from it.
        var localRun = Faults.WorkbenchChild.Run(["ablation", "run", .. ablation, "--out", Path.Combine(local, "runs"), "--results", Path.Combine(local, "tables")],
            new Dictionary<string, string> { [global::Workbench.Runtime.Threads.EnvironmentVariable] = threads.ToString(CultureInfo.InvariantCulture) }, timeoutSeconds: 600);
        Assert.True(localRun.ExitCode == 0, localRun.Text);
        var ended = SlurmTestCluster.WaitUntilEnded(submission, Limit);
        string logs = SlurmTestCluster.Logs(submission);
        Assert.True(ended.All(e => e.State == "COMPLETED"), string.Join(", ", ended.Select(e => $"{e.TaskIndex} {e.State}")) + "\n" + logs);
        if (stopped) Assert.Contains("requeueing", File.ReadAllText(submission.LogPath(0)));

        Assert.Equal(0, CliInvocation.Invoke(["ablation", "status", .. ablation, "--out", Path.Combine(cluster, "runs")]));
        Assert.Equal(0, CliInvocation.Invoke(["ablation", "report", .. ablation, "--out", Path.Combine(cluster, "runs"), "--results", Path.Combine(cluster, "tables")]));
        foreach (string csv in Directory.EnumerateFiles(Path.Combine(local, "tables"), "*.csv"))
        {
            Assert.Equal(WithoutTimings(File.ReadAllText(csv)), WithoutTimings(File.ReadAllText(Path.Combine(cluster, "tables", Path.GetFileName(csv)))));
        }
        Assert.Equal(Metrics(local, paper, ablation), Metrics(cluster, paper, ablation));
        // Submitting again finds nothing to do.
        Assert.Equal(0, CliInvocation.Invoke(["ablation", "run", .. ablation, "--scheduler", "slurm", "--out", Path.Combine(cluster, "runs")]));
        Assert.Single(SlurmSubmission.List(Path.Combine(cluster, "runs"), paper + "-smoke"));
    }

    /// <summary>Every row's final metrics, run by run, as text (exact values).</summary>
    private static string Metrics(string root, string paper, string[] ablation)
    {
        var spec = AblationCatalog.Default.Get(paper).Spec(new AblationRequest(PresetLabel.Smoke, 1));
        for (int i = 0; i < ablation.Length - 1; i++)
        {
            if (ablation[i] != "--only") continue;
            string[] f = ablation[i + 1].Split('=', 2);
            spec = spec.Only(f[0], f[1].Split(','));
        }
        var result = new AblationRunner(new RunStore(Path.Combine(root, "runs"))).Collect(spec);
        Assert.All(result.Rows, r => Assert.True(r.Complete, r.Row.Key));
        return string.Join("\n", result.Rows.SelectMany(r => r.Runs.Select(run => $"{r.Row.Key} seed {run.Seed}: " + string.Join(", ",
            run.Metrics.Final!.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value.ToString("R", CultureInfo.InvariantCulture)}")))));
    }

    /// <summary>A table's CSV without the columns that measure time or name the commit (they differ between any two runs).</summary>
    private static string WithoutTimings(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(SplitCsv).ToList();
        var keep = lines[0].Select((h, i) => (h, i)).Where(c => !IsTiming(c.h)).Select(c => c.i).ToList();
        return string.Join("\n", lines.Select(l => string.Join("|", keep.Select(i => i < l.Count ? l[i] : ""))));
    }

    private static bool IsTiming(string header)
    {
        string h = header.ToLowerInvariant();
        return h == "commit" || h.EndsWith(" s", StringComparison.Ordinal) || h.EndsWith(" s sd", StringComparison.Ordinal) || h.Contains("seconds") || h.Contains("time");
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else if (c != '\r') current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
