namespace Workbench.Tests.Faults;

/// <summary>One clear line per bad input, with a did-you-mean and a code from the README's table (issue 16, case 8).</summary>
public class CliSurfaceTests
{
    [Fact]
    public void An_unknown_command_is_one_error_line_with_exit_2()
    {
        var r = WorkbenchChild.Run(["frobnicate"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(["error: Unrecognized command or argument 'frobnicate'. See `workbench --help`."], r.Error.Trim().Split('\n'));
        var typo = WorkbenchChild.Run(["experiment", "rn"]);
        Assert.Contains("Did you mean 'run'?", typo.Error);
    }

    [Fact]
    public void Help_names_the_tool_workbench()
    {
        var r = WorkbenchChild.Run(["--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("workbench [command] [options]", r.Output);
        Assert.DoesNotContain("Workbench.Cli", r.Output);
    }

    [Fact]
    public void Unknown_names_get_a_suggestion_without_dotnet_decorations()
    {
        var dataset = WorkbenchChild.Run(["data", "verify", "cifar11"]);
        Assert.Equal(2, dataset.ExitCode);
        Assert.Contains("Unknown dataset 'cifar11'. Did you mean 'cifar10'?", dataset.Error);
        FaultRuns.AssertPlain(dataset.Text);

        using var dir = new Training.TempDirectory();
        var setting = WorkbenchChild.Run(["experiment", "run", "linear-probe", "--preset", "smoke", "--set", "epochz=3", "--out", dir.Path]);
        Assert.Equal(2, setting.ExitCode);
        Assert.Contains("epochz: is not a setting of LinearProbeConfig. Did you mean 'training.epochs'?", setting.Error);
        Assert.DoesNotContain("training.optimizer.momentum", setting.Error); // not the list of every setting

        var preset = WorkbenchChild.Run(["experiment", "run", "linear-probe", "--preset", "smok", "--out", dir.Path]);
        Assert.Equal(2, preset.ExitCode);
        Assert.Contains("Did you mean 'smoke'?", preset.Error);
    }

    [Fact]
    public void Experiment_run_takes_data_root_and_pipes_get_no_colour_codes()
    {
        using var dir = new Training.TempDirectory();
        var r = WorkbenchChild.Run(["experiment", "run", "linear-probe", "--preset", "smoke", "--set", "epochs=2", "--data-root", dir.Path, "--out", dir.Path]);
        Assert.Equal(0, r.ExitCode);
        FaultRuns.AssertPlain(r.Text);
        Assert.Contains("epoch 1/2", r.Output); // progress and summaries count epochs from 1
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"^│ 2\s+│ 16\s+│", System.Text.RegularExpressions.RegexOptions.Multiline), r.Output); // last history row: epoch 2 of 2, step 16
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(@"^│ 0\s+│", System.Text.RegularExpressions.RegexOptions.Multiline), r.Output);
    }
}
