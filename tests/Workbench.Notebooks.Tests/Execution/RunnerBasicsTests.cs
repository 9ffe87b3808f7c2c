using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Execution;

public class RunnerBasicsTests
{
    [Fact]
    public void State_carries_across_cells_and_the_trailing_expression_is_the_result()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code(
            "int x = 40;\nint Twice(int v) => 2 * v;",
            "using System.Globalization;\nx += 1;",
            "Console.WriteLine($\"x is {x}\");\nTwice(x)"));
        Assert.Equal(RunStatus.Succeeded, r.Status);
        var last = r.Executed.Cells[2];
        Assert.Equal(3, last.ExecutionCount);
        var stream = Assert.IsType<StreamOutput>(last.Outputs[0]);
        Assert.Equal(("stdout", "x is 41\n"), (stream.Name, stream.Text));
        var result = Assert.IsType<ExecuteResultOutput>(last.Outputs[1]);
        Assert.Equal("82", result.Data.Get("text/plain"));
        Assert.Equal(3, result.ExecutionCount);
        Assert.Empty(r.Executed.Cells[0].Outputs);
    }
}
