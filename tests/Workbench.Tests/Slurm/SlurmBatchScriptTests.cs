using System.Diagnostics;
using Workbench.Cli.Slurm;

namespace Workbench.Tests.Slurm;

public class SlurmBatchScriptTests
{
    private static readonly SlurmTask[] Tasks =
    [
        new("row A, seed 0", "spq", "spq-smoke-s0-aaaa", ["experiment", "run", "spq", "--preset", "smoke", "--set", "bits=16", "--out", "/shared/runs"]),
        new("row 'B', seed 1", "spq", "spq-smoke-s1-bbbb", ["experiment", "run", "spq", "--preset", "smoke", "--set", "name=a b", "--out", "/shared/runs", "--force"]),
    ];

    [Fact]
    public void Directives_CarryEveryOptionAndOneArrayIndexPerTask()
    {
        var options = new SlurmJobOptions
        {
            Partition = "gpu", Gres = "gpu:1", Time = "02:00:00", Memory = "16G", CpusPerTask = 4, Account = "lab",
            MaxParallel = 2, ExtraArguments = ["--qos=long", "--constraint=a100"], SignalSeconds = 300,
        };
        var d = SlurmBatchScript.Directives("spq-paper", 5, options, "/shared/runs/slurm/x/logs");
        Assert.Equal(
            ["--job-name=workbench-spq-paper", "--array=0-4%2", "--ntasks=1", "--cpus-per-task=4", "--output=/shared/runs/slurm/x/logs/task-%a.log",
             "--open-mode=append", "--requeue", "--signal=TERM@300", "--partition=gpu", "--account=lab", "--time=02:00:00", "--mem=16G", "--gres=gpu:1",
             "--qos=long", "--constraint=a100"],
            d);
    }

    [Fact]
    public void Render_MapsEachArrayIndexToItsTaskAndIsValidBash()
    {
        string script = SlurmBatchScript.Render("spq-smoke", Tasks, new SlurmJobOptions { Workbench = ["dotnet", "/opt/wb/Workbench.Cli.dll"] }, "/shared/runs", "/shared/runs/slurm/x/logs");
        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Contains("#SBATCH --array=0-1\n", script);
        Assert.Contains("  0) # row A, seed 0\n    method=spq; run_id=spq-smoke-s0-aaaa; fresh=0\n    args=(experiment run spq --preset smoke --set bits=16 --out /shared/runs) ;;\n", script);
        Assert.Contains("  1) # row 'B', seed 1\n    method=spq; run_id=spq-smoke-s1-bbbb; fresh=1\n    args=(experiment run spq --preset smoke --set 'name=a b' --out /shared/runs --force) ;;\n", script);
        Assert.Contains("workbench=(dotnet /opt/wb/Workbench.Cli.dll)\n", script);
        Assert.Contains("checkpoints/last.ckpt", script);
        var info = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-n");
        using var bash = Process.Start(info)!;
        bash.StandardInput.Write(script);
        bash.StandardInput.Close();
        string errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, errors);
    }

    [Fact]
    public void Render_RefusesNothingToDoAndMissingCommandWithTheFix()
    {
        var none = Assert.Throws<ArgumentException>(() => SlurmBatchScript.Render("x", [], new SlurmJobOptions { Workbench = ["wb"] }, "/s", "/s/l"));
        Assert.Contains("finished record", none.Message);
        var noCommand = Assert.Throws<ArgumentException>(() => SlurmBatchScript.Render("x", Tasks, new SlurmJobOptions(), "/s", "/s/l"));
        Assert.Contains("--workbench", noCommand.Message);
    }
}
