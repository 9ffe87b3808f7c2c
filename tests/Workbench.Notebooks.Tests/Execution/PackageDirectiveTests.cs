using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Execution;

public class PackageDirectiveTests
{
    [Fact]
    public void A_carried_package_is_referenced_only_when_its_directive_is_seen()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code(
            "var before = typeof(Plotly.NET.GenericChart).Name;",
            "#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\nvar chart = Plotly.NET.CSharp.Chart.Point<int, int, string>(new[] { 1, 2 }, new[] { 3, 4 });\nchart"),
            new NotebookRunOptions { AllowErrors = true });
        var missing = Assert.IsType<ErrorOutput>(Assert.Single(r.Executed.Cells[0].Outputs));
        Assert.Equal("CompilationError", missing.EName);
        Assert.Contains("Plotly", missing.EValue);
        Assert.Equal(CellState.Succeeded, r.Cells[1].State);
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(r.Executed.Cells[1].Outputs));
        Assert.StartsWith("GenericChart: 1 trace(s) [scatter]", result.Data.Get("text/plain"));
        Assert.Contains("<div id=\"nb-c1-o0\"", result.Data.Get("text/html"));
    }

    [Fact]
    public void An_unknown_package_is_a_clear_error_naming_the_cell_and_what_is_available()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code("#r \"nuget: Newtonsoft.Jsonx, 13.0.3\"\n1", "2"));
        Assert.Equal(RunStatus.CellFailed, r.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(r.Executed.Cells[0].Outputs));
        Assert.Equal("PackageNotAvailable", error.EName);
        Assert.Contains("'Newtonsoft.Jsonx'", error.EValue);
        Assert.Contains("TorchSharp-cpu 0.107.0", error.EValue);
        Assert.Contains("cell #0 'c0'", error.Traceback[0]);
        Assert.Null(r.Executed.Cells[1].ExecutionCount);
        Assert.Contains("cell #0 'c0'", r.Message);
    }

    [Fact]
    public void A_different_version_uses_the_carried_one_with_a_note_on_stderr()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code("#r \"nuget: TorchSharp-cpu, 0.105.0\"\nTorchSharp.torch.ones(2).sum().item<float>()"));
        Assert.Equal(RunStatus.Succeeded, r.Status);
        var note = Assert.IsType<StreamOutput>(r.Executed.Cells[0].Outputs[0]);
        Assert.Equal("stderr", note.Name);
        Assert.Contains("carries TorchSharp-cpu 0.107.0", note.Text);
        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(r.Executed.Cells[0].Outputs[1]).Data.Get("text/plain"));
    }
}
