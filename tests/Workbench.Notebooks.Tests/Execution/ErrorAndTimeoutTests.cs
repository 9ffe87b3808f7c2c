using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Execution;

public class ErrorAndTimeoutTests
{
    [Fact]
    public void An_exception_becomes_an_error_output_naming_the_cell_and_stops_the_run()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code(
            "Console.WriteLine(\"before\");",
            "Console.WriteLine(\"partial\");\nthrow new InvalidOperationException(\"K must exceed 1\");",
            "Console.WriteLine(\"never\");"));
        Assert.Equal(RunStatus.CellFailed, r.Status);
        Assert.Equal(1, r.ExitCode);
        var cell = r.Executed.Cells[1];
        Assert.Equal("partial\n", Assert.IsType<StreamOutput>(cell.Outputs[0]).Text);
        var error = Assert.IsType<ErrorOutput>(cell.Outputs[1]);
        Assert.Equal(("InvalidOperationException", "K must exceed 1"), (error.EName, error.EValue));
        Assert.Equal("InvalidOperationException in cell #1 'c1': K must exceed 1", error.Traceback[0]);
        Assert.Equal("test.ipynb: cell #1 'c1' failed: InvalidOperationException: K must exceed 1", r.Message);
        Assert.Null(r.Executed.Cells[2].ExecutionCount);
        Assert.Empty(r.Executed.Cells[2].Outputs);
        Assert.Equal(CellState.NotRun, r.Cells[2].State);
    }

    [Fact]
    public void A_compilation_error_gives_the_position_within_the_cell()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code("int x = 1;\nx = \"text\";"));
        var error = Assert.IsType<ErrorOutput>(Assert.Single(r.Executed.Cells[0].Outputs));
        Assert.Equal("CompilationError", error.EName);
        Assert.Contains("(2,5): error CS0029:", error.EValue);
        Assert.Equal("CompilationError in cell #0 'c0':", error.Traceback[0]);
    }

    [Fact]
    public void A_cell_tagged_raises_exception_may_raise_and_the_run_goes_on()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code("int k = 1;", "[raises-exception]\nif (k < 2) throw new ArgumentException(\"K must exceed 1\");", "k + 1"));
        Assert.Equal(RunStatus.Succeeded, r.Status);
        Assert.Equal(CellState.RaisedAsExpected, r.Cells[1].State);
        Assert.Equal("ArgumentException", Assert.IsType<ErrorOutput>(r.Executed.Cells[1].Outputs.Single()).EName);
        Assert.Contains("<pre>2</pre>", Assert.IsType<ExecuteResultOutput>(r.Executed.Cells[2].Outputs.Single()).Data.Get("text/html"));
    }

    [Fact]
    public void A_cell_over_its_time_limit_times_out_with_exit_code_124()
    {
        using var fx = new NotebookFixture();
        // The kernel's first submission compiles for a second or more: the limit leaves room for it.
        var r = fx.Run(NotebookFixture.Code("1", "System.Threading.Thread.Sleep(7000);", "3"),
            new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(4) });
        Assert.Equal(RunStatus.TimedOut, r.Status);
        Assert.Equal(124, r.ExitCode);
        var error = Assert.IsType<ErrorOutput>(r.Executed.Cells[1].Outputs.Single());
        Assert.Equal("CellTimeout", error.EName);
        Assert.Contains("did not finish within the cell time limit of 4 s", error.EValue);
        Assert.Equal(CellState.NotRun, r.Cells[2].State);
        Assert.Contains("cell #1 'c1' timed out", r.Message);
    }

    [Fact]
    public void The_whole_run_has_its_own_time_limit()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code("System.Threading.Thread.Sleep(50);", "System.Threading.Thread.Sleep(8000);", "3"),
            new NotebookRunOptions { RunTimeout = TimeSpan.FromSeconds(5), CellTimeout = TimeSpan.FromSeconds(60) });
        Assert.Equal(RunStatus.TimedOut, r.Status);
        // The limit counts from the first cell (the kernel start-up before it is not a cell).
        Assert.True(r.RunMs < 7900, $"the run should stop at its limit, its cells took {r.RunMs} ms");
        var timedOut = Assert.Single(r.Cells, c => c.State == CellState.TimedOut);
        Assert.Contains("the run's time limit of 5 s", Assert.IsType<ErrorOutput>(r.Executed.Cells[timedOut.Index].Outputs.Single()).EValue);
        Assert.Equal(CellState.NotRun, r.Cells[2].State);
    }

    [Fact]
    public void Unknown_magics_fail_html_cells_render_and_other_kernels_are_skipped_with_a_note()
    {
        using var fx = new NotebookFixture();
        var nb = NotebookFixture.Code("#!fsharp\nlet x = 1", "#!html\n<b>bold</b>", "#!no-such-magic\n1", "1");
        var r = fx.Run(nb, new NotebookRunOptions { AllowErrors = true });
        Assert.Equal(CellState.Skipped, r.Cells[0].State);
        Assert.Null(r.Executed.Cells[0].ExecutionCount);
        Assert.Contains("'fsharp' cell", Assert.IsType<StreamOutput>(r.Executed.Cells[0].Outputs.Single()).Text);
        Assert.Contains("<b>bold</b>", Assert.IsType<DisplayDataOutput>(r.Executed.Cells[1].Outputs.Single()).Data.Get("text/html"));
        Assert.Contains("no-such-magic", Assert.IsType<ErrorOutput>(r.Executed.Cells[2].Outputs.Single()).EValue);
        Assert.Equal(RunStatus.CellFailed, r.Status);
        Assert.Equal(3, r.Executed.Cells[3].ExecutionCount);
    }
}
