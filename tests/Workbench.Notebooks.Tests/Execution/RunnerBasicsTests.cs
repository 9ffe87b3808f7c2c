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
        // As in the tool's Jupyter kernel: values as text/html, strings as text/plain.
        Assert.Contains("<pre>82</pre>", result.Data.Get("text/html"));
        Assert.Equal(3, result.ExecutionCount);
        Assert.Empty(r.Executed.Cells[0].Outputs);
    }

    [Fact]
    public void Display_helpers_and_formatters_are_the_kernels()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code(
            "using Microsoft.DotNet.Interactive.Formatting;\nrecord Point(int X, int Y);\nFormatter.Register<Point>((p, w) => w.Write($\"<i>{p.X},{p.Y}</i>\"), \"text/html\");",
            "display(\"step 1\");\nConsole.WriteLine(\"between\");\ndisplay(HTML(\"<b>bold</b>\"));\nnew Point(1, 2)"));
        Assert.Equal(RunStatus.Succeeded, r.Status);
        var outputs = r.Executed.Cells[1].Outputs;
        Assert.Equal("step 1", Assert.IsType<DisplayDataOutput>(outputs[0]).Data.Get("text/plain"));
        Assert.Equal("between\n", Assert.IsType<StreamOutput>(outputs[1]).Text);
        Assert.Equal("<b>bold</b>", Assert.IsType<DisplayDataOutput>(outputs[2]).Data.Get("text/html"));
        Assert.Equal("<i>1,2</i>", Assert.IsType<ExecuteResultOutput>(outputs[3]).Data.Get("text/html"));
        Assert.Equal(4, outputs.Count);
    }
}
