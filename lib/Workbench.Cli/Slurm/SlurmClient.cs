using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Workbench.Cli.Slurm;

/// <summary>
/// Slurm's command-line clients (<c>sbatch</c>, <c>squeue</c>, <c>sacct</c>, <c>sinfo</c>) run as processes. This is the
/// only place the workbench talks to Slurm; everything else works on the files and records it returns.
/// </summary>
public sealed class SlurmClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>True when <c>sinfo</c> answers (a controller is reachable from here).</summary>
    public static bool IsAvailable()
    {
        try
        {
            return Run("sinfo", ["--noheader", "--format=%P"]).ExitCode == 0;
        }
        catch (SlurmException)
        {
            return false;
        }
    }

    /// <summary>Submits <paramref name="script"/> with <c>sbatch --parsable</c> and returns the job id.</summary>
    /// <exception cref="SlurmException">sbatch is missing or refused the script (its message is included).</exception>
    public string Submit(string script)
    {
        var r = Run("sbatch", ["--parsable", script]);
        if (r.ExitCode != 0) throw new SlurmException($"sbatch refused {script} (exit {r.ExitCode}): {r.Error.Trim()}");
        // --parsable prints "jobid" or "jobid;cluster".
        string id = r.Output.Trim().Split(';')[0];
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _)) throw new SlurmException($"sbatch printed no job id: '{r.Output.Trim()}'.");
        return id;
    }

    /// <summary>
    /// The tasks of the arrays <paramref name="jobIds"/> that Slurm still knows: <c>squeue</c> (pending, running and, for
    /// <c>MinJobAge</c>, ended tasks), completed by <c>sacct</c> where accounting is configured (its exit codes win).
    /// </summary>
    public IReadOnlyList<SlurmQueueEntry> Tasks(IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count == 0) return [];
        string ids = string.Join(',', jobIds);
        var byTask = new Dictionary<(string, int), SlurmQueueEntry>();
        var q = Run("squeue", ["--noheader", "--array", "--states=all", "--jobs=" + ids, "--format=%F|%K|%T|%r"]);
        if (q.ExitCode == 0)
        {
            foreach (var e in SlurmOutput.ParseQueue(q.Output)) byTask[(e.ArrayJobId, e.TaskIndex)] = e;
        }
        SlurmProcessResult a;
        try
        {
            a = Run("sacct", ["--noheader", "--parsable2", "--allocations", "--jobs=" + ids, "--format=JobID,State,ExitCode"]);
        }
        catch (SlurmException)
        {
            return byTask.Values.ToList(); // no sacct installed: squeue is all there is
        }
        if (a.ExitCode == 0)
        {
            foreach (var e in SlurmOutput.ParseAccounting(a.Output))
            {
                // squeue is fresher for active tasks; sacct knows exit codes and tasks squeue has forgotten.
                if (!byTask.TryGetValue((e.ArrayJobId, e.TaskIndex), out var known) || !known.IsActive) byTask[(e.ArrayJobId, e.TaskIndex)] = e;
            }
        }
        return byTask.Values.OrderBy(e => e.ArrayJobId, StringComparer.Ordinal).ThenBy(e => e.TaskIndex).ToList();
    }

    /// <summary>Runs a Slurm client and captures its output.</summary>
    /// <exception cref="SlurmException">The program is not installed or did not answer in time.</exception>
    public static SlurmProcessResult Run(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new SlurmException($"{program} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new SlurmException(
                $"{program} is not installed here ({e.Message}). Run this on a Slurm login node, or start a one-node test cluster with: sudo tests/slurm/start-cluster.sh", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new SlurmException($"{program} did not answer within {Timeout.TotalSeconds:0} s; is slurmctld up (sinfo)?");
            }
            return new SlurmProcessResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }
}
